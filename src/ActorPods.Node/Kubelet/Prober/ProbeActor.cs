using ActorPods.Actors;
using ActorPods.Actors.Events;
using ActorPods.Api.Model;
using ActorPods.Node.Kubelet.Runtime;
using ActorPods.Node.Observability;

namespace ActorPods.Node.Kubelet.Prober;

/// <summary>
/// One prober worker (pkg/kubelet/prober/worker.go) for one probe of one container of one pod. It ticks every
/// periodSeconds from its creation (the pod's first sync), reads the container only through ContainerObserved,
/// counts thresholds, goes on hold after a liveness/startup failure until a new container ID, records Unhealthy
/// events, and tells its parent PodWorker when the cached result changes. It never kills or restarts anything.
/// </summary>
public sealed class ProbeActor : Actor
{
    private readonly string _container;
    private readonly Container _spec;
    private readonly Probe _probe;
    private readonly ProbeType _type;
    private readonly bool _restartNever;
    private readonly EventRecorder _recorder;
    private readonly string _fieldPath;
    private readonly string _ns;
    private readonly string _pod;
    private readonly ProbeResult _initial;
    // Per-probe invariants, worked out once instead of every period.
    private readonly string _typeName;
    private readonly string _eventName;
    private readonly TimeSpan _abandonAfter;
    private readonly int _initialDelay;
    private readonly int _failureThreshold;
    private readonly int _successThreshold;
    // Network probes are dialled by the prober itself; an httpGet one's request is resolved once.
    private readonly bool _dials;
    private readonly HttpGetTarget? _httpGet;

    private ContainerObserved? _observed;
    private string? _containerId;
    private ProbeResult? _cached;
    private ProbeResult _lastResult = ProbeResult.Unknown;
    private int _resultRun;
    private bool _onHold;
    private long _attempt;
    private bool _inFlight;
    private DateTimeOffset _abandonAt;
    private bool _pendingTick;
    private ProbeResultObserved? _lastObserved;
    // The last published result and output (the event's own fields, kept here so that a repeat is recognised without
    // reading the event), and the stream's channel for these events.
    private string? _publishedResult;
    private string? _publishedOutput;
    private readonly EventChannel<ProbeResultObserved> _probeEvents;
    private readonly ProbeResultCounters? _counters;
    // The observation whose gates (container, state, initial delay, started) the last attempt passed, and its endpoint:
    // while the observation is the same object and the prober is not on hold, the next attempt passes them again
    // (the initial delay, once over, stays over), so a periodic run dials without reading the observation.
    private ContainerObserved? _clearedFor;
    private NetworkProbeEndpoint? _clearedEndpoint;
    private readonly DateTimeOffset? _kubeletStartedAt;
    private bool _delayingStart;
    private bool _triggeredWhileDelayed;

    public ProbeActor(string ns, string pod, Container spec, bool isInit, ProbeType type, bool restartNever, EventRecorder recorder,
        DateTimeOffset? kubeletStartedAt = null, ProbeResultCounters? counters = null)
    {
        _counters = counters;
        _kubeletStartedAt = kubeletStartedAt;
        _ns = ns;
        _pod = pod;
        _spec = spec;
        _container = spec.Name ?? "";
        _type = type;
        _probe = type switch
        {
            ProbeType.Liveness => spec.LivenessProbe!,
            ProbeType.Readiness => spec.ReadinessProbe!,
            _ => spec.StartupProbe!,
        };
        _restartNever = restartNever && !isInit;
        _recorder = recorder;
        _fieldPath = EventRecorder.FieldPath(_container, isInit);
        _initial = type switch { ProbeType.Readiness => ProbeResult.Failure, ProbeType.Liveness => ProbeResult.Success, _ => ProbeResult.Unknown };
        // Literals, shared by every prober (two strings per prober made at 30 000 pods' start-up).
        (_typeName, _eventName) = type switch
        {
            ProbeType.Liveness => ("Liveness", "liveness"),
            ProbeType.Readiness => ("Readiness", "readiness"),
            _ => ("Startup", "startup"),
        };
        _abandonAfter = TimeSpan.FromSeconds((_probe.TimeoutSeconds is > 0 ? _probe.TimeoutSeconds.Value : 1) + 5);
        _initialDelay = _probe.InitialDelaySeconds ?? 0;
        _failureThreshold = _probe.FailureThreshold is > 0 ? _probe.FailureThreshold.Value : 3;
        _successThreshold = _probe.SuccessThreshold is > 0 ? _probe.SuccessThreshold.Value : 1;
        _dials = NetworkProbeEndpoint.Dials(_probe);
        _httpGet = HttpGetTarget.For(_probe, spec);
        _probeEvents = Context.System.EventStream.Channel<ProbeResultObserved>();

        UseBehavior(s_behavior);
    }

    // One chain for all 20 000 probers of a large cluster, instead of five handlers and delegates each; the tick first:
    // it is nearly every message, and dispatch tries the handlers in this order.
    private static readonly SharedBehavior<ProbeActor> s_behavior = new SharedBehavior<ProbeActor>()
        .Receive<ProbeTick>(static (p, _) => p.Tick(timer: true))
        .Receive<ContainerObserved>(static (p, m) => p._observed = m)
        .Receive<TriggerProbe>(static (p, _) => p.Trigger())
        .Receive<ProbeStartDelayElapsed>(static (p, _) => p.StartTicking())
        .Receive<ProbeAttemptCompleted>(static (p, m) => p.Completed(m));

    private void Trigger()
    {
        // worker.go: the trigger channel holds one request until the loop starts after the start sleep.
        if (_delayingStart) _triggeredWhileDelayed = true;
        else Tick(timer: false);
    }

    public static Props Props(string ns, string pod, Container spec, bool isInit, ProbeType type, bool restartNever, EventRecorder recorder,
        DateTimeOffset? kubeletStartedAt = null, ProbeResultCounters? counters = null) =>
        Actors.Props.Create(() => new ProbeActor(ns, pod, spec, isInit, type, restartNever, recorder, kubeletStartedAt, counters));

    private int Period => _probe.PeriodSeconds is > 0 ? _probe.PeriodSeconds.Value : 10;

    /// <summary>
    /// A tick is isolated (the virtual-time loop may run it on a lane with other nodes' ticks) unless the probe dials a
    /// host of its own (httpGet.host, tcpSocket.host): that may be another pod, on another node, whose server and logs
    /// the attempt would write, or a Service, whose round-robin is cluster-wide. Otherwise a tick reads and writes only
    /// this prober, its pod's ContainerActor and the pod's userland (exec only sends RunProbe), and reaches the rest
    /// through messages, the event stream and the shared ProbeResultCounters (striped per thread).
    /// </summary>
    protected override bool RunsIsolated(object timerMessage) =>
        timerMessage is ProbeTick && string.IsNullOrEmpty(_probe.HttpGet?.Host) && string.IsNullOrEmpty(_probe.TcpSocket?.Host);
    private string TypeName => _typeName;

    protected override void PreStart()
    {
        // worker.go run: a prober created less than one period after its kubelet process started (a kubelet restart,
        // a rebooted node) first sleeps a random part of the period, so that the restarted kubelet's probes do not
        // all start at once; the ticker starts after that sleep.
        var period = TimeSpan.FromSeconds(Period);
        if (_kubeletStartedAt is { } started && Context.Now - started < period)
        {
            _delayingStart = true;
            Timers.StartSingleTimer("start", ProbeStartDelayElapsed.Instance, TimeSpan.FromTicks((long)(Context.Random.NextDouble() * period.Ticks)));
            return;
        }
        StartTicking();
    }

    private void StartTicking()
    {
        _delayingStart = false;
        // The first doProbe runs at once (it usually finds no container yet), then one per tick.
        Self.Tell(ProbeTick.Instance);
        Timers.StartPeriodicTimer("tick", ProbeTick.Instance, TimeSpan.FromSeconds(Period));
        if (_triggeredWhileDelayed)
        {
            _triggeredWhileDelayed = false;
            Self.Tell(TriggerProbe.Instance);
        }
    }

    /// <summary>What the next tick reads, a hop at a time (the probers of many pods tick at one instant): the
    /// observation, then the endpoint, then the ContainerActor it dials through and what that reads first
    /// (<see cref="NetworkProbeEndpoint.PrefetchOwner"/>); on a run that will skip the observation (see DoProbe), the
    /// endpoint and the last event, then the ContainerActor and its parts, down to what the container's last httpGet
    /// read in the userland (its network stack, port table, server, access log and log). Each hop reads only lines an
    /// earlier hop asked for.</summary>
    protected override void OnTurnAhead(int hop)
    {
        if (_clearedEndpoint is { } cleared && ReferenceEquals(_clearedFor, _observed))
        {
            // The next run skips the observation: the endpoint (and the event it will publish again), then the
            // ContainerActor behind it and what that actor reads first.
            if (hop == 0)
            {
                CacheHint.Prefetch(cleared);
                CacheHint.Prefetch(_lastObserved);
            }
            else cleared.PrefetchOwner(hop - 1);
            return;
        }
        switch (hop)
        {
            case 0:
                CacheHint.Prefetch(_observed);
                CacheHint.Prefetch(_lastObserved);
                break;
            case 1:
                CacheHint.Prefetch(_observed?.Endpoint);
                break;
            default:
                _observed?.Endpoint?.PrefetchOwner(hop - 2);
                break;
        }
    }

    private void Tick(bool timer)
    {
        if (InFlight(timer))
        {
            _pendingTick = true;
            return;
        }
        DoProbe();
    }

    /// <summary>worker.go doProbe, steps 1–10.</summary>
    private void DoProbe()
    {
        var o = _observed;
        if (o is null) return;
        if (ReferenceEquals(o, _clearedFor) && !_onHold && _clearedEndpoint is { } cleared)
        {
            Dial(cleared, _containerId!);
            return;
        }
        if (o.PodTerminal)
        {
            Context.Stop(Self);
            return;
        }
        if (o.ContainerId is null) return;
        if (o.ContainerId != _containerId)
        {
            _containerId = o.ContainerId;
            _cached = null;
            _lastResult = ProbeResult.Unknown;
            _resultRun = 0;
            _onHold = false;
            Set(_initial);
        }
        if (_onHold) return;
        if (!o.Running)
        {
            Set(ProbeResult.Failure);
            if (o.Terminated && _restartNever) Context.Stop(Self);
            return;
        }
        if (o.PodDeleting && _type != ProbeType.Readiness)
        {
            Set(ProbeResult.Success);
            Context.Stop(Self);
            return;
        }
        if (o.StartedAt is { } startedAt && (int)(Context.Now - startedAt).TotalSeconds < _initialDelay) return;
        if (_type == ProbeType.Startup ? o.Started : !o.Started) return;
        if (o.Container is null) return;

        // httpGet / tcpSocket / grpc: the prober dials the pod itself (prober.go), and an answer that comes at once is
        // handled now; exec goes through the runtime, the ContainerActor.
        if (_dials && o.Endpoint is { } endpoint)
        {
            (_clearedFor, _clearedEndpoint) = (o, endpoint);
            Dial(endpoint, o.ContainerId);
            return;
        }
        BeginAttempt();
        o.Container.Tell(new RunProbe(_attempt, _probe, _typeName), Self);
    }

    private void BeginAttempt()
    {
        _inFlight = true;
        _attempt++;
        _abandonAt = Context.Now + _abandonAfter;
    }

    private void Dial(NetworkProbeEndpoint endpoint, string containerId)
    {
        BeginAttempt();
        if (endpoint.TryRun(_probe, _httpGet, _attempt, containerId, Self, out var outcome, out var output))
            Completed(_attempt, containerId, outcome, output);
    }

    /// <summary>
    /// Whether the attempt is still awaited when this event arrives. An attempt is abandoned timeout + 5 s after it
    /// started (its answer, if it ever comes, is ignored). That used to be a single timer armed and cancelled on every
    /// run; it is now decided when someone looks, with the order the timer had: any event after that instant, or
    /// at it, comes after the abandonment (timers of an instant precede the messages sent in it), except the periodic
    /// tick due at that very instant when timeout + 5 s ≤ period — that tick was re-armed before the attempt began,
    /// so it came first.
    /// </summary>
    private bool InFlight(bool tick)
    {
        if (!_inFlight) return false;
        var now = Context.Now;
        if (now < _abandonAt || (now == _abandonAt && tick && _abandonAfter <= TimeSpan.FromSeconds(Period))) return true;
        _inFlight = false;
        return false;
    }

    private void Completed(ProbeAttemptCompleted m) => Completed(m.Attempt, m.ContainerId, m.Outcome, m.Output);

    private void Completed(long attempt, string containerId, ProbeOutcome outcome, string output)
    {
        if (attempt != _attempt || !InFlight(tick: false)) return;
        _inFlight = false;
        if (containerId == _containerId) Handle(outcome, output);
        if (_pendingTick)
        {
            _pendingTick = false;
            DoProbe();
        }
    }

    private void Handle(ProbeOutcome outcome, string output)
    {
        switch (outcome)
        {
            case ProbeOutcome.Error:
                Record(ProbeRunResult.Unknown, output);
                _recorder.Warning("Unhealthy", $"{TypeName} probe errored and resulted in unknown state: {output}", _fieldPath);
                return;
            case ProbeOutcome.Failure:
                Record(ProbeRunResult.Failed, output);
                _recorder.Warning("Unhealthy", $"{TypeName} probe failed: {output}", _fieldPath);
                break;
            case ProbeOutcome.Warning:
                // prober.go: a Warning (a redirect not followed) is recorded, then counts as a success.
                Record(ProbeRunResult.Successful, output);
                _recorder.Warning("ProbeWarning", $"{TypeName} probe warning: {output}", _fieldPath);
                break;
            default:
                Record(ProbeRunResult.Successful, output);
                break;
        }
        var result = outcome is ProbeOutcome.Success or ProbeOutcome.Warning ? ProbeResult.Success : ProbeResult.Failure;
        if (_lastResult == result) _resultRun++;
        else
        {
            _lastResult = result;
            _resultRun = 1;
        }
        if ((result == ProbeResult.Failure && _resultRun < _failureThreshold) || (result == ProbeResult.Success && _resultRun < _successThreshold))
            return;
        Set(result);
        if (result == ProbeResult.Failure && _type != ProbeType.Readiness)
        {
            // Liveness/startup: the container will be restarted; probe again only for the new container ID.
            _onHold = true;
            _resultRun = 0;
        }
    }

    private void Set(ProbeResult result)
    {
        if (_cached == result || _containerId is null) return;
        _cached = result;
        Context.Parent.Tell(new ProbeResultChanged(_container, _containerId, _type, result), Self);
    }

    /// <summary>
    /// One run's result: counted in the shared ProbeResultCounters, and observed for the trace (skipped when nobody
    /// listens). A probe that keeps answering the same thing publishes the same immutable event again, not a new one.
    /// </summary>
    private void Record(ProbeRunResult run, string output)
    {
        _counters?.Add(_type, run);
        var result = run switch { ProbeRunResult.Successful => "success", ProbeRunResult.Failed => "failure", _ => "unknown" };
        var channel = _probeEvents;
        if (!channel.HasSubscribers) return;
        // The probe name is this prober's constant; result (a literal) and output are compared as the event's fields were.
        var last = _lastObserved;
        if (last is null || !string.Equals(_publishedResult, result, StringComparison.Ordinal) || !string.Equals(_publishedOutput, output, StringComparison.Ordinal))
        {
            _lastObserved = last = new ProbeResultObserved(_ns, _pod, _container, _eventName, result, output);
            (_publishedResult, _publishedOutput) = (result, output);
        }
        channel.Publish(last);
    }
}
