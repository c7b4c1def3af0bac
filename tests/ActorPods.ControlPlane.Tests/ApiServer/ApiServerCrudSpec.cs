using ActorPods.Actors;
using ActorPods.Api.Model;
using ActorPods.Api.Serialization;
using ActorPods.ControlPlane.ApiServer;

namespace ActorPods.ControlPlane.Tests.ApiServer;

/// <summary>Create, get, list, update and patch: system fields, resourceVersions, conflicts and the Status errors.</summary>
public sealed class ApiServerCrudSpec : ApiServerSpec
{
    [Fact]
    public void Create_works_on_its_own_copy_so_the_callers_object_neither_changes_nor_reaches_the_store()
    {
        var mine = NewPod("a", labels: new Dictionary<string, string> { ["app"] = "web" });
        mine.Origin = new SourceLocation("pod.yaml", 1, 1);
        var created = Ok<Pod>(new Create(mine));

        Assert.NotSame(mine, created);
        Assert.Null(mine.Metadata!.Uid);
        Assert.Null(mine.Metadata.ResourceVersion);
        Assert.Null(created.Origin);
        mine.Metadata.Labels!["app"] = "changed";
        mine.Spec!.Containers![0].Image = "changed";
        created.Metadata!.Labels!["app"] = "changed too";
        var stored = Ok<Pod>(new Get("pods", "default", "a"));
        Assert.Equal("web", stored.Metadata!.Labels!["app"]);
        Assert.NotEqual("changed", stored.Spec!.Containers![0].Image);
    }

    [Fact]
    public void A_fresh_api_server_has_the_four_system_namespaces_active()
    {
        var list = ListOf("namespaces");
        Assert.True(list.IsSuccess);
        Assert.Equal(["default", "kube-node-lease", "kube-public", "kube-system"], list.Items.Select(n => n.Metadata!.Name));
        Assert.All(list.Items, n => Assert.Equal("Active", ((Namespace)n).Status!.Phase));
        Assert.All(list.Items, n => Assert.Equal(["kubernetes"], ((Namespace)n).Spec!.Finalizers!));
    }

    [Fact]
    public void Create_assigns_uid_creation_timestamp_resource_version_and_a_pending_status()
    {
        Sys.Advance(TimeSpan.FromSeconds(7));
        var pod = Ok<Pod>(new Create(NewPod("web")));
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", pod.Metadata!.Uid!);
        Assert.Equal(Epoch.AddSeconds(7), pod.Metadata.CreationTimestamp);
        Assert.Equal("default", pod.Metadata.Namespace);
        Assert.Equal("Pending", pod.Status!.Phase);
        Assert.Null(pod.Metadata.Generation);
        Assert.True(Rv(pod) > 0);
    }

    [Fact]
    public void Uids_are_deterministic_for_a_given_seed()
    {
        var first = Ok<Pod>(new Create(NewPod("a"))).Metadata!.Uid;
        using var other = new SecondSystem();
        Assert.Equal(first, other.CreateUid());
    }

    private sealed class SecondSystem : ApiServerSpec
    {
        public string? CreateUid() => Ok<Pod>(new Create(NewPod("a"))).Metadata!.Uid;
    }

    [Fact]
    public void Every_write_of_any_kind_gets_the_next_global_resource_version()
    {
        var a = Ok<Pod>(new Create(NewPod("a")));
        var cm = Ok<ConfigMap>(new Create(new ConfigMap { Metadata = new ObjectMeta { Name = "c" } }));
        var b = Ok<Pod>(new Create(NewPod("b")));
        Assert.Equal(Rv(a) + 1, Rv(cm));
        Assert.Equal(Rv(cm) + 1, Rv(b));
        Assert.Equal(b.Metadata!.ResourceVersion, ListOf("pods").ResourceVersion);
    }

    [Fact]
    public void Creating_an_existing_name_is_AlreadyExists()
    {
        Ok<Pod>(new Create(NewPod("web")));
        var e = Fails(new Create(NewPod("web")));
        Assert.Equal(409, e.Code);
        Assert.Equal("AlreadyExists", e.Reason);
        Assert.Equal("pods \"web\" already exists", e.Message);
        Assert.Equal("pods", e.Details!.Kind);
        Assert.Equal("web", e.Details.Name);
        Assert.Equal("Status", e.Kind);
        Assert.Equal("Failure", e.Status);
    }

    [Fact]
    public void GenerateName_appends_five_random_characters_and_avoids_collisions()
    {
        var names = new HashSet<string>();
        for (var i = 0; i < 20; i++)
        {
            var pod = NewPod("");
            pod.Metadata!.Name = null;
            pod.Metadata.GenerateName = "web-";
            var created = Ok<Pod>(new Create(pod));
            Assert.Matches("^web-[bcdfghjklmnpqrstvwxz2456789]{5}$", created.Metadata!.Name!);
            Assert.True(names.Add(created.Metadata.Name!));
        }
    }

    [Fact]
    public void Creating_without_name_or_generateName_is_Invalid()
    {
        var pod = NewPod("x");
        pod.Metadata!.Name = null;
        var e = Fails(new Create(pod));
        Assert.Equal(422, e.Code);
        Assert.Equal("Pod \"\" is invalid: metadata.name: Required value: name or generateName is required", e.Message);
        Assert.Equal("metadata.name", Assert.Single(e.Details!.Causes!).Field);
        Assert.Equal("Pod", e.Details.Kind);
    }

    [Fact]
    public void Creating_into_a_missing_namespace_is_NotFound_for_the_namespace()
    {
        var e = Fails(new Create(NewPod("web", "dev")));
        Assert.Equal(404, e.Code);
        Assert.Equal("namespaces \"dev\" not found", e.Message);
    }

    [Fact]
    public void Creating_with_a_resource_version_is_a_BadRequest()
    {
        var pod = NewPod("web");
        pod.Metadata!.ResourceVersion = "12";
        var e = Fails(new Create(pod));
        Assert.Equal(400, e.Code);
        Assert.Equal("resourceVersion should not be set on objects to be created", e.Message);
    }

    [Fact]
    public void Getting_a_missing_object_is_NotFound()
    {
        var e = Fails(new Get("Pod", "default", "x"));
        Assert.Equal(404, e.Code);
        Assert.Equal("NotFound", e.Reason);
        Assert.Equal("pods \"x\" not found", e.Message);
        Assert.Equal("deployments.apps \"d\" not found", Fails(new Get("deploy", "default", "d")).Message);
    }

    [Fact]
    public void Kinds_can_be_named_by_kind_resource_or_short_name()
    {
        Ok<Pod>(new Create(NewPod("web")));
        foreach (var name in new[] { "Pod", "pods", "pod", "po" }) Ok<Pod>(new Get(name, "default", "web"));
        Assert.Equal("the server doesn't have a resource type \"foos\"", Fails(new Get("foos", null, "x")).Message);
    }

    [Fact]
    public void Callers_never_share_objects_with_the_store()
    {
        var input = NewPod("web");
        var created = Ok<Pod>(new Create(input));
        input.Metadata!.Labels = new() { ["mutated"] = "input" };
        created.Metadata!.Labels = new() { ["mutated"] = "reply" };
        var got = Ok<Pod>(new Get("Pod", "default", "web"));
        Assert.Null(got.Metadata!.Labels);
        got.Spec!.NodeName = "changed";
        Assert.Null(Ok<Pod>(new Get("Pod", "default", "web")).Spec!.NodeName);
    }

    [Fact]
    public void An_update_with_a_stale_resource_version_is_a_Conflict()
    {
        var v1 = Ok<Pod>(new Create(NewPod("web")));
        var v2 = Ok<Pod>(new Update(WithLabel(v1, "a", "1")));
        Assert.True(Rv(v2) > Rv(v1));
        var e = Fails(new Update(WithLabel(v1, "b", "2")));
        Assert.Equal(409, e.Code);
        Assert.Equal("Conflict", e.Reason);
        Assert.Equal("Operation cannot be fulfilled on pods \"web\": the object has been modified; please apply your changes to the latest version and try again", e.Message);
    }

    [Fact]
    public void An_update_without_a_resource_version_is_unconditional()
    {
        var v1 = Ok<Pod>(new Create(NewPod("web")));
        Ok<Pod>(new Update(WithLabel(v1, "a", "1")));
        var blind = WithLabel(v1, "b", "2");
        blind.Metadata!.ResourceVersion = null;
        var v3 = Ok<Pod>(new Update(blind));
        Assert.Equal("2", v3.Metadata!.Labels!["b"]);
    }

    [Fact]
    public void Updating_a_missing_object_is_NotFound()
    {
        Assert.Equal("pods \"ghost\" not found", Fails(new Update(NewPod("ghost"))).Message);
    }

    [Fact]
    public void An_update_keeps_uid_and_creation_timestamp_and_rejects_a_different_uid()
    {
        var v1 = Ok<Pod>(new Create(NewPod("web")));
        var changed = WithLabel(v1, "a", "1");
        changed.Metadata!.CreationTimestamp = Epoch.AddDays(1);
        var v2 = Ok<Pod>(new Update(changed));
        Assert.Equal(v1.Metadata!.CreationTimestamp, v2.Metadata!.CreationTimestamp);
        v2.Metadata.Uid = "00000000-0000-4000-8000-000000000000";
        var e = Fails(new Update(v2));
        Assert.Equal(422, e.Code);
        Assert.Equal("Pod \"web\" is invalid: metadata.uid: Invalid value: \"00000000-0000-4000-8000-000000000000\": field is immutable", e.Message);
    }

    [Fact]
    public void The_main_resource_cannot_change_status_and_the_status_subresource_cannot_change_spec()
    {
        var v1 = Ok<Pod>(new Create(NewPod("web")));
        var sneaky = v1.DeepClone();
        sneaky.Status!.Phase = "Running";
        sneaky.Spec!.NodeName = "node-1";
        var v2 = Ok<Pod>(new Update(sneaky));
        Assert.Equal("Pending", v2.Status!.Phase);
        Assert.Equal("node-1", v2.Spec!.NodeName);

        var status = v2.DeepClone();
        status.Status!.Phase = "Running";
        status.Spec!.NodeName = "node-2";
        var v3 = Ok<Pod>(new Update(status, "status"));
        Assert.Equal("Running", v3.Status!.Phase);
        Assert.Equal("node-1", v3.Spec!.NodeName);
    }

    [Fact]
    public void A_status_write_may_change_a_pods_labels_but_not_a_deployments()
    {
        var pod = Ok<Pod>(new Create(NewPod("web")));
        pod.Metadata!.Labels = new() { ["seen"] = "yes" };
        pod.Metadata.OwnerReferences = [new OwnerReference { Kind = "ReplicaSet", Name = "rs", Uid = "u" }];
        var afterStatus = Ok<Pod>(new Update(pod, "status"));
        Assert.Equal("yes", afterStatus.Metadata!.Labels!["seen"]);
        Assert.Null(afterStatus.Metadata.OwnerReferences);

        var d = Ok<Deployment>(new Create(new Deployment { Metadata = new ObjectMeta { Name = "d", Labels = new() { ["app"] = "d" } }, Spec = new DeploymentSpec() }));
        d.Metadata!.Labels = new() { ["app"] = "changed" };
        d.Status = new DeploymentStatus { ObservedGeneration = 1 };
        var afterDeploymentStatus = Ok<Deployment>(new Update(d, "status"));
        Assert.Equal("d", afterDeploymentStatus.Metadata!.Labels!["app"]);
        Assert.Equal(1, afterDeploymentStatus.Status!.ObservedGeneration);
    }

    [Fact]
    public void A_write_that_changes_nothing_keeps_the_resource_version()
    {
        var v1 = Ok<Pod>(new Create(NewPod("web")));
        var v2 = Ok<Pod>(new Update(v1));
        Assert.Equal(v1.Metadata!.ResourceVersion, v2.Metadata!.ResourceVersion);
        var v3 = Ok<Pod>(new Patch("pods", "default", "web", """{"metadata":{"labels":null}}"""));
        Assert.Equal(v1.Metadata.ResourceVersion, v3.Metadata!.ResourceVersion);
    }

    [Fact]
    public void Generation_starts_at_one_and_grows_only_with_spec_changes()
    {
        var d = new Deployment
        {
            Metadata = new ObjectMeta { Name = "web" },
            Spec = new DeploymentSpec { Replicas = 1, Selector = new LabelSelector { MatchLabels = new() { ["app"] = "web" } } },
        };
        var v1 = Ok<Deployment>(new Create(d));
        Assert.Equal(1, v1.Metadata!.Generation);
        var v2 = Ok<Deployment>(new Update(WithLabel(v1, "x", "y")));
        Assert.Equal(1, v2.Metadata!.Generation);
        var status = v2.DeepClone();
        status.Status = new DeploymentStatus { Replicas = 1, ObservedGeneration = 1 };
        var v3 = Ok<Deployment>(new Update(status, "status"));
        Assert.Equal(1, v3.Metadata!.Generation);
        var v4 = Ok<Deployment>(new Patch("deployments", "default", "web", """{"spec":{"replicas":3}}"""));
        Assert.Equal(2, v4.Metadata!.Generation);
        Assert.Equal(3, v4.Spec!.Replicas);
        Assert.Equal(1, v4.Status!.Replicas);
    }

    [Fact]
    public void A_merge_patch_adds_replaces_and_removes_members()
    {
        Ok<Pod>(new Create(NewPod("web", labels: new() { ["app"] = "web", ["tier"] = "front" })));
        var patched = Ok<Pod>(new Patch("pods", "default", "web", """{"metadata":{"labels":{"tier":null,"env":"prod"},"annotations":{"a":"b"}}}"""));
        Assert.Equal(new Dictionary<string, string> { ["app"] = "web", ["env"] = "prod" }, patched.Metadata!.Labels);
        Assert.Equal("b", patched.Metadata.Annotations!["a"]);
    }

    [Fact]
    public void A_status_merge_patch_changes_only_the_status()
    {
        Ok<Pod>(new Create(NewPod("web", node: "node-1")));
        var patched = Ok<Pod>(new Patch("pods", "default", "web",
            """{"spec":{"nodeName":"node-9"},"status":{"phase":"Running","podIP":"10.0.0.5"}}""", "status"));
        Assert.Equal("Running", patched.Status!.Phase);
        Assert.Equal("10.0.0.5", patched.Status.PodIP);
        Assert.Equal("node-1", patched.Spec!.NodeName);
    }

    [Fact]
    public void A_status_patch_stores_its_object_as_the_next_snapshot_and_answers_a_private_copy_only_when_one_is_read()
    {
        Ok<Pod>(new Create(NewPod("web", node: "node-1")));
        var watcher = CreateTestProbe();
        StartWatch(watcher, new Watch("pods", ResourceVersion: "0"));
        var first = (Pod)watcher.ExpectMsg<WatchEvent>().Object!;
        var firstRv = first.Metadata!.ResourceVersion;

        var reply = Call(new Patch("pods", "default", "web", """{"status":{"phase":"Running","podIP":"10.0.0.5"}}""", "status"));

        Assert.True(reply.IsSuccess, reply.Error?.Message);
        var next = (Pod)watcher.ExpectMsg<WatchEvent>().Object!;
        // The reply's read-only object is the snapshot the watch carries; it shares the unchanged spec with the previous one,
        // which still reads as it did.
        Assert.Same(next, reply.ReadOnlyObject);
        Assert.Same(first.Spec, next.Spec);
        Assert.Equal(firstRv, first.Metadata.ResourceVersion);
        Assert.Equal("Pending", first.Status?.Phase);
        Assert.Equal("Running", next.Status!.Phase);
        // A caller reading Object gets its own copy, equal to what a GET returns; changing it changes nothing stored.
        var copy = (Pod)reply.Object!;
        Assert.NotSame(next, copy);
        Assert.NotSame(next.Spec, copy.Spec);
        copy.Spec!.NodeName = "elsewhere";
        copy.Status!.Phase = "Failed";
        var got = Ok<Pod>(new Get("pods", "default", "web"));
        DeepState.AssertSame(got, ObjectCodec.Decode(ObjectCodec.Encode(next), typeof(Pod)));
        Assert.Equal("node-1", got.Spec!.NodeName);
        Assert.Equal("Running", got.Status!.Phase);
        Assert.Equal(next.Metadata!.ResourceVersion, got.Metadata!.ResourceVersion);

        // A write that changes nothing answers the stored snapshot again, at the same revision, and tells no watcher.
        var again = Call(new Patch("pods", "default", "web", """{"status":{"phase":"Running"}}""", "status"));
        Assert.Same(next, again.ReadOnlyObject);
        watcher.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void A_patch_naming_a_stale_resource_version_is_a_Conflict_and_bad_json_is_a_BadRequest()
    {
        var v1 = Ok<Pod>(new Create(NewPod("web")));
        Ok<Pod>(new Update(WithLabel(v1, "a", "1")));
        var e = Fails(new Patch("pods", "default", "web", "{\"metadata\":{\"resourceVersion\":\"" + v1.Metadata!.ResourceVersion + "\",\"labels\":{\"b\":\"2\"}}}"));
        Assert.Equal("Conflict", e.Reason);
        Assert.Equal(400, Fails(new Patch("pods", "default", "web", "{not json")).Code);
        Assert.Equal("the server could not find the requested resource", Fails(new Patch("configmaps", "default", "x", "{}", "status")).Message);
    }

    [Fact]
    public void Cluster_scoped_kinds_have_no_namespace()
    {
        var node = Ok<Node>(new Create(new Node { Metadata = new ObjectMeta { Name = "node-1", Namespace = "default" } }));
        Assert.Null(node.Metadata!.Namespace);
        Ok<Node>(new Get("nodes", "whatever", "node-1"));
        Assert.Equal("nodes \"node-2\" not found", Fails(new Get("no", null, "node-2")).Message);
    }

    [Fact]
    public void List_filters_by_namespace_and_returns_items_in_key_order()
    {
        Ok<Namespace>(new Create(new Namespace { Metadata = new ObjectMeta { Name = "dev" } }));
        Ok<Pod>(new Create(NewPod("b")));
        Ok<Pod>(new Create(NewPod("a", "dev")));
        Ok<Pod>(new Create(NewPod("a")));
        Assert.Equal(["a", "b"], ListOf("pods", "default").Items.Select(p => p.Metadata!.Name));
        Assert.Equal(["default/a", "default/b", "dev/a"], ListOf("pods").Items.Select(p => p.Metadata!.Namespace + "/" + p.Metadata.Name));
    }

    [Fact]
    public void Lists_use_label_and_field_selectors_and_report_selector_errors_as_the_apiserver_does()
    {
        Ok<Pod>(new Create(NewPod("a", node: "n1", labels: new() { ["app"] = "web" })));
        Ok<Pod>(new Create(NewPod("b", node: "n2", labels: new() { ["app"] = "db" })));
        Ok<Pod>(new Create(NewPod("c", labels: new() { ["app"] = "web" })));
        Assert.Equal(["a", "c"], ListOf("pods", labels: "app=web").Items.Select(p => p.Metadata!.Name));
        Assert.Equal(["a"], ListOf("pods", labels: "app=web", fields: "spec.nodeName=n1").Items.Select(p => p.Metadata!.Name));
        Assert.Equal(["c"], ListOf("pods", fields: "spec.nodeName=").Items.Select(p => p.Metadata!.Name));
        Assert.Equal(["a", "b"], ListOf("pods", fields: "spec.nodeName!=").Items.Select(p => p.Metadata!.Name));
        Assert.Equal(["b"], ListOf("pods", fields: "metadata.name=b").Items.Select(p => p.Metadata!.Name));

        var bad = ListOf("pods", fields: "spec.foo=x");
        Assert.Equal(400, bad.Error!.Code);
        Assert.Equal("field label not supported: spec.foo", bad.Error.Message);
        Assert.Equal("unable to parse requirement: found '' expected: '('", ListOf("pods", labels: "app in").Error!.Message);
    }

    [Fact]
    public void The_node_index_follows_binding_and_deletion()
    {
        Ok<Pod>(new Create(NewPod("a")));
        Ok<Pod>(new Create(NewPod("b", node: "n1")));
        Assert.Equal(["b"], ListOf("pods", fields: "spec.nodeName=n1").Items.Select(p => p.Metadata!.Name));
        Ok<Pod>(new Bind("default", "a", "n1"));
        Assert.Equal(["a", "b"], ListOf("pods", fields: "spec.nodeName=n1").Items.Select(p => p.Metadata!.Name));
        Ok<Pod>(new Delete("pods", "default", "b", GracePeriodSeconds: 0));
        Assert.Equal(["a"], ListOf("pods", "default", fields: "spec.nodeName=n1").Items.Select(p => p.Metadata!.Name));
        Assert.Empty(ListOf("pods", "other", fields: "spec.nodeName=n1").Items);
    }

    [Fact]
    public void Admission_can_default_and_reject_writes()
    {
        using var kit = new WithAdmission();
        kit.Run();
    }

    private sealed class RejectingAdmission : IAdmission
    {
        public ApiStatus? Admit(AdmissionRequest request)
        {
            if (request.Object is Pod pod)
            {
                pod.Spec!.RestartPolicy ??= "Always";
                if (pod.Spec.Containers![0].Image is null)
                {
                    return ApiErrors.Invalid(request.Kind, pod.Metadata!.Name!,
                        [new StatusCause { Reason = "FieldValueRequired", Message = "Required value", Field = "spec.containers[0].image" }]);
                }
            }
            return null;
        }
    }

    private sealed class WithAdmission() : ApiServerSpec(new ApiServerOptions { Admission = new RejectingAdmission() })
    {
        public void Run()
        {
            Assert.Equal("Always", Ok<Pod>(new Create(NewPod("good"))).Spec!.RestartPolicy);
            var bad = NewPod("bad");
            bad.Spec!.Containers![0].Image = null;
            var e = Fails(new Create(bad));
            Assert.Equal("Pod \"bad\" is invalid: spec.containers[0].image: Required value", e.Message);
            Assert.Equal("Invalid", e.Reason);
            Assert.Equal("spec.containers[0].image", e.Details!.Causes![0].Field);
        }
    }

    [Fact]
    public void Status_errors_serialize_like_metav1_Status()
    {
        var e = Fails(new Get("pods", "default", "x"));
        var json = System.Text.Json.JsonSerializer.Serialize(e, KubeJson.Options);
        Assert.Equal("""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"pods \"x\" not found","reason":"NotFound","details":{"name":"x","kind":"pods"},"code":404}""", json);
    }

    [Fact]
    public void Requests_also_work_with_Ask()
    {
        var task = Api.Ask<ObjectResult>(new Create(NewPod("web")), TimeSpan.FromSeconds(1));
        var r = Await(task);
        Assert.Equal("web", r.Get<Pod>().Metadata!.Name);
        Assert.Throws<ApiException>(() => Await(Api.Ask<ObjectResult>(new Get("pods", "default", "nope"), TimeSpan.FromSeconds(1))).Get<Pod>());
    }

    private static T WithLabel<T>(T obj, string key, string value) where T : KubeObject
    {
        var copy = obj.DeepClone();
        copy.Meta.Labels ??= new();
        copy.Meta.Labels[key] = value;
        return copy;
    }
}
