using ActorPods.Sim.Config;
using ActorPods.Sim.Scenarios;

namespace ActorPods.Sim.Tests.Scenarios;

public sealed class NodeActionParsingSpec : ScenarioFixture
{
    private IReadOnlyList<ScenarioAction> Actions(string spec)
    {
        Files.Write("pod.yaml", WebPod);
        return ScenarioLoader.Load(Files.Write("s.yaml", ScenarioText(spec))).Actions;
    }

    private IReadOnlyList<string> Errors(string spec)
    {
        var path = Files.Write("s.yaml", ScenarioText(spec));
        var e = Assert.Throws<ConfigException>(() => ScenarioLoader.Load(path));
        return e.Errors.Select(x => x.ToString().Replace(Files.Dir + Path.DirectorySeparatorChar, "")).ToList();
    }

    [Fact]
    public void Node_actions_take_a_node_name_or_a_mapping_with_their_options()
    {
        var actions = Actions("""
              actions:
              - {at: 1s, cordon: node-1}
              - {at: 2s, uncordon: {node: node-1}}
              - {at: 3s, drain: node-2}
              - {at: 4s, drain: {node: node-2, gracePeriodSeconds: 0, ignoreDaemonsets: true, force: true, deleteEmptydirData: true}}
              - {at: 5s, taint: {node: node-3, key: dedicated, value: gpu, effect: NoSchedule}}
              - {at: 6s, taint: {node: node-3, key: maintenance, effect: NoExecute}}
              - {at: 7s, untaint: {node: node-3, key: dedicated, effect: NoSchedule}}
              - {at: 8s, untaint: {node: node-3, key: maintenance}}
            """);
        Assert.Equal(
            [
                "kubectl cordon node-1", "kubectl uncordon node-1", "kubectl drain node-2",
                "kubectl drain node-2 --ignore-daemonsets --delete-emptydir-data --force --grace-period=0",
                "kubectl taint nodes node-3 dedicated=gpu:NoSchedule", "kubectl taint nodes node-3 maintenance:NoExecute",
                "kubectl taint nodes node-3 dedicated:NoSchedule-", "kubectl taint nodes node-3 maintenance-",
            ],
            actions.Cast<NodeAction>().Select(a => a.CommandLine));
        Assert.Equal(["cordon", "uncordon", "drain", "drain", "taint", "taint", "untaint", "untaint"], actions.Select(a => a.Kind));
    }

    [Fact]
    public void Node_actions_report_missing_and_unknown_fields_and_bad_effects()
    {
        var errors = Errors("""
              actions:
              - {at: 1s, drain: {gracePeriodSeconds: 3}}
              - {at: 2s, taint: {node: node-1, key: k, effect: NoRun}}
              - {at: 3s, taint: {node: node-1, effect: NoSchedule}}
              - {at: 4s, untaint: node-1}
              - {at: 5s, cordon: {node: node-1, force: true}}
            """);
        Assert.Contains("s.yaml:6:21: spec.actions[0].drain.node: Required value", errors);
        Assert.Contains("s.yaml:7:52: spec.actions[1].taint.effect: Unsupported value: \"NoRun\": supported values: \"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\"", errors);
        Assert.Contains("s.yaml:8:21: spec.actions[2].taint.key: Required value", errors);
        Assert.Contains(errors, e => e.StartsWith("s.yaml:9:23: spec.actions[3].untaint: expected a mapping", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("s.yaml:10:37: spec.actions[4].cordon: unknown field \"force\"", StringComparison.Ordinal));
    }
}
