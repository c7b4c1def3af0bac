using ActorPods.Api.Model;
using ActorPods.ControlPlane.Selectors;

namespace ActorPods.ControlPlane.Tests.Selectors;

/// <summary>Field selectors (k8s.io/apimachinery/pkg/fields) over the fields each kind exposes.</summary>
public sealed class FieldSelectorSpec
{
    private static readonly Pod Web = new()
    {
        Metadata = new ObjectMeta { Name = "web", Namespace = "prod" },
        Spec = new PodSpec { NodeName = "node-1", RestartPolicy = "Always" },
        Status = new PodStatus { Phase = "Running", PodIP = "10.0.0.7" },
    };

    private static readonly Event Killing = new()
    {
        Metadata = new ObjectMeta { Name = "web.1", Namespace = "prod" },
        InvolvedObject = new ObjectReference { Kind = "Pod", Name = "web", Namespace = "prod", Uid = "u-1" },
        Reason = "Killing",
        Type = "Normal",
        Source = new EventSource { Component = "kubelet", Host = "node-1" },
    };

    [Theory]
    [InlineData("", true)]
    [InlineData("metadata.name=web", true)]
    [InlineData("metadata.name==web", true)]
    [InlineData("metadata.name!=web", false)]
    [InlineData("metadata.namespace=prod,spec.nodeName=node-1", true)]
    [InlineData("spec.nodeName=node-2", false)]
    [InlineData("spec.nodeName!=", true)]
    [InlineData("status.phase=Running,status.podIP=10.0.0.7", true)]
    [InlineData("status.phase!=Running", false)]
    [InlineData("spec.restartPolicy=Always,spec.hostNetwork=false", true)]
    public void Pod_fields_select_as_the_pod_registry_exposes_them(string selector, bool matches)
    {
        var s = FieldSelector.Parse(selector);
        Assert.Null(s.UnsupportedField(typeof(Pod)));
        Assert.Equal(matches, s.Matches(Web));
    }

    [Theory]
    [InlineData("involvedObject.kind=Pod,involvedObject.name=web,involvedObject.namespace=prod,involvedObject.uid=u-1", true)]
    [InlineData("involvedObject.name=other", false)]
    [InlineData("reason=Killing,type=Normal,source=kubelet", true)]
    [InlineData("type!=Normal", false)]
    public void Event_fields_select_as_kubectl_describe_uses_them(string selector, bool matches)
    {
        var s = FieldSelector.Parse(selector);
        Assert.Null(s.UnsupportedField(typeof(Event)));
        Assert.Equal(matches, s.Matches(Killing));
    }

    [Fact]
    public void Unsupported_fields_and_bad_terms_are_reported()
    {
        Assert.Equal("spec.nodeName", FieldSelector.Parse("metadata.name=x,spec.nodeName=y").UnsupportedField(typeof(ConfigMap)));
        Assert.False(FieldSelector.TryParse("metadata.name", out _, out var error));
        Assert.Equal("invalid selector: 'metadata.name'; can't understand 'metadata.name'", error);
    }

    [Fact]
    public void Values_may_escape_commas_and_equals_signs()
    {
        var s = FieldSelector.Parse(@"metadata.name=a\,b\=c,metadata.namespace=prod");
        Assert.Equal("a,b=c", s.RequiresExactMatch("metadata.name"));
        Assert.Equal("prod", s.RequiresExactMatch("metadata.namespace"));
        Assert.Null(FieldSelector.Parse("spec.nodeName!=x").RequiresExactMatch("spec.nodeName"));
    }
}
