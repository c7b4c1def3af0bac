using ActorPods.Api.Defaulting;
using ActorPods.Api.Model;
using ActorPods.Api.Serialization;
using ActorPods.Api.Validation;

namespace ActorPods.Api.Tests.Validation;

/// <summary>Loads a manifest, defaults and validates it as kube-apiserver does on create.</summary>
internal static class Admit
{
    public static KubeObject Load(string yaml) => Assert.Single(ManifestLoader.LoadText(yaml, "test.yaml"));

    public static InvalidObjectError? Create(string yaml) => ObjectValidator.ValidateToError(ObjectDefaulter.Apply(Load(yaml)));

    /// <summary>What kubectl prints for the create, or null when the object is accepted.</summary>
    public static string? Kubectl(string yaml) => Create(yaml)?.KubectlMessage;

    /// <summary>A pod named "x" with one container "web" (image nginx) whose extra container lines are given.</summary>
    public static string Pod(string containerExtra = "", string specExtra = "", string name = "x", string moreContainers = "") => $"""
        apiVersion: v1
        kind: Pod
        metadata:
          name: {name}
        spec:
        {Indent(specExtra, 2)}
          containers:
          - name: web
            image: nginx
        {Indent(containerExtra, 4)}
        {Indent(moreContainers, 2)}
        """;

    private static string Indent(string text, int spaces) =>
        string.Join("\n", text.Split('\n').Select(l => l.Length == 0 ? l : new string(' ', spaces) + l));
}
