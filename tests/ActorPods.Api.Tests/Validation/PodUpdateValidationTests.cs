using ActorPods.Api.Defaulting;
using ActorPods.Api.Model;
using ActorPods.Api.Validation;

namespace ActorPods.Api.Tests.Validation;

/// <summary>ValidatePodUpdate: a pod's spec is immutable except images, activeDeadlineSeconds and added tolerations.</summary>
public class PodUpdateValidationTests
{
    private const string Prefix =
        "The Pod \"x\" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`," +
        "`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations)," +
        "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)\n";

    private static Pod Stored(string specExtra = "") => ObjectDefaulter.Apply((Pod)Admit.Load(Admit.Pod(specExtra: specExtra)));

    private static string? Update(Pod old, Action<Pod> change)
    {
        var updated = old.DeepClone();
        change(updated);
        return ObjectValidator.ValidateUpdateToError(updated, old)?.KubectlMessage;
    }

    [Fact]
    public void Changing_the_image_is_allowed() =>
        Assert.Null(Update(Stored(), p => p.Spec!.Containers![0].Image = "nginx:1.27"));

    [Fact]
    public void Changing_a_command_is_forbidden_and_the_change_is_shown()
    {
        var message = Update(Stored(), p => p.Spec!.Containers![0].Command = ["sleep", "3600"]);
        Assert.Equal(Prefix + "+ spec.containers[0].command: [\"sleep\",\"3600\"]", message);
    }

    [Fact]
    public void Changing_the_restart_policy_is_forbidden()
    {
        var message = Update(Stored(), p => p.Spec!.RestartPolicy = "Never");
        Assert.Equal(Prefix + "- spec.restartPolicy: \"Always\"\n+ spec.restartPolicy: \"Never\"", message);
    }

    [Fact]
    public void Adding_a_container_is_forbidden_without_comparing_further() =>
        Assert.Equal("The Pod \"x\" is invalid: spec.containers: Forbidden: pod updates may not add or remove containers",
            Update(Stored(), p => p.Spec!.Containers!.Add(new Container { Name = "b", Image = "busybox", ImagePullPolicy = "Always", TerminationMessagePath = "/dev/termination-log", TerminationMessagePolicy = "File" })));

    [Fact]
    public void Adding_a_toleration_is_allowed() =>
        Assert.Null(Update(Stored(), p => p.Spec!.Tolerations!.Add(new Toleration { Key = "gpu", Operator = "Exists", Effect = "NoSchedule" })));

    [Fact]
    public void Removing_a_toleration_is_forbidden() =>
        Assert.Equal("The Pod \"x\" is invalid: spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds",
            Update(Stored(), p => p.Spec!.Tolerations!.RemoveAt(0)));

    [Fact]
    public void Changing_toleration_seconds_is_allowed() =>
        Assert.Null(Update(Stored(), p => p.Spec!.Tolerations![0].TolerationSeconds = 60));

    [Fact]
    public void Active_deadline_may_be_set_or_lowered_but_not_raised_or_removed()
    {
        Assert.Null(Update(Stored(), p => p.Spec!.ActiveDeadlineSeconds = 100));
        var withDeadline = Stored("activeDeadlineSeconds: 100");
        Assert.Null(Update(withDeadline, p => p.Spec!.ActiveDeadlineSeconds = 50));
        Assert.Equal("The Pod \"x\" is invalid: spec.activeDeadlineSeconds: Invalid value: 200: must be less than or equal to previous value",
            Update(withDeadline, p => p.Spec!.ActiveDeadlineSeconds = 200));
        Assert.Equal("The Pod \"x\" is invalid: spec.activeDeadlineSeconds: Invalid value: null: must not update from a positive integer to nil value",
            Update(withDeadline, p => p.Spec!.ActiveDeadlineSeconds = null));
    }

    [Fact]
    public void A_negative_grace_period_may_be_raised_to_one()
    {
        var negative = Stored("terminationGracePeriodSeconds: -1");
        Assert.Null(Update(negative, p => p.Spec!.TerminationGracePeriodSeconds = 1));
        Assert.StartsWith(Prefix, Update(negative, p => p.Spec!.TerminationGracePeriodSeconds = 5));
    }

    [Fact]
    public void Name_and_namespace_are_immutable() =>
        Assert.Equal("The Pod \"y\" is invalid: \n* metadata.name: Invalid value: \"y\": field is immutable\n* metadata.namespace: Invalid value: \"other\": field is immutable",
            Update(Stored(), p => { p.Meta.Name = "y"; p.Meta.Namespace = "other"; }));

    [Fact]
    public void Labels_may_change() => Assert.Null(Update(Stored(), p => p.Meta.Labels = new() { ["app"] = "web" }));
}
