using ActorPods.Api.Model;

namespace ActorPods.Api.Validation;

public static partial class PodSpecValidation
{
    /// <summary>validateLivenessProbe: a liveness probe's successThreshold must be 1.</summary>
    private static List<FieldError> ValidateLivenessProbe(Probe? probe, long? gracePeriod, FieldPath path, PodValidationOptions opts)
    {
        if (probe is null) return [];
        var errs = ValidateProbe(probe, gracePeriod, path, opts);
        if ((probe.SuccessThreshold ?? 0) != 1) errs.Add(FieldError.Invalid(path.Child("successThreshold"), probe.SuccessThreshold ?? 0, "must be 1"));
        return errs;
    }

    /// <summary>validateReadinessProbe: no probe-level terminationGracePeriodSeconds (readiness failures never kill).</summary>
    private static List<FieldError> ValidateReadinessProbe(Probe? probe, long? gracePeriod, FieldPath path, PodValidationOptions opts)
    {
        if (probe is null) return [];
        var errs = ValidateProbe(probe, gracePeriod, path, opts);
        if (probe.TerminationGracePeriodSeconds is { } t)
            errs.Add(FieldError.Invalid(path.Child("terminationGracePeriodSeconds"), t, "must not be set for readinessProbes"));
        return errs;
    }

    /// <summary>validateStartupProbe: successThreshold must be 1, as for liveness.</summary>
    private static List<FieldError> ValidateStartupProbe(Probe? probe, long? gracePeriod, FieldPath path, PodValidationOptions opts)
    {
        if (probe is null) return [];
        var errs = ValidateProbe(probe, gracePeriod, path, opts);
        if ((probe.SuccessThreshold ?? 0) != 1) errs.Add(FieldError.Invalid(path.Child("successThreshold"), probe.SuccessThreshold ?? 0, "must be 1"));
        return errs;
    }

    /// <summary>validateProbe: exactly one handler, non-negative timings, a positive probe-level grace period.</summary>
    private static List<FieldError> ValidateProbe(Probe probe, long? gracePeriod, FieldPath path, PodValidationOptions opts)
    {
        var errs = ValidateHandler(new Handler(probe.Exec, probe.HttpGet, probe.TcpSocket, probe.Grpc, null), gracePeriod, path, opts);
        errs.AddRange(MetadataValidation.ValidateNonnegative(probe.InitialDelaySeconds ?? 0, path.Child("initialDelaySeconds")));
        errs.AddRange(MetadataValidation.ValidateNonnegative(probe.TimeoutSeconds ?? 0, path.Child("timeoutSeconds")));
        errs.AddRange(MetadataValidation.ValidateNonnegative(probe.PeriodSeconds ?? 0, path.Child("periodSeconds")));
        errs.AddRange(MetadataValidation.ValidateNonnegative(probe.SuccessThreshold ?? 0, path.Child("successThreshold")));
        errs.AddRange(MetadataValidation.ValidateNonnegative(probe.FailureThreshold ?? 0, path.Child("failureThreshold")));
        if (probe.TerminationGracePeriodSeconds is { } t && t <= 0)
            errs.Add(FieldError.Invalid(path.Child("terminationGracePeriodSeconds"), t, "must be greater than 0"));
        return errs;
    }

    private static List<FieldError> ValidateLifecycle(Lifecycle lifecycle, long? gracePeriod, FieldPath path, PodValidationOptions opts)
    {
        var errs = new List<FieldError>();
        if (lifecycle.PostStart is { } post)
            errs.AddRange(ValidateHandler(new Handler(post.Exec, post.HttpGet, post.TcpSocket, null, post.Sleep), gracePeriod, path.Child("postStart"), opts));
        if (lifecycle.PreStop is { } pre)
            errs.AddRange(ValidateHandler(new Handler(pre.Exec, pre.HttpGet, pre.TcpSocket, null, pre.Sleep), gracePeriod, path.Child("preStop"), opts));
        return errs;
    }

    /// <summary>commonHandler: the handler fields a probe or a lifecycle hook may set.</summary>
    private sealed record Handler(ExecAction? Exec, HttpGetAction? HttpGet, TcpSocketAction? TcpSocket, GrpcAction? Grpc, SleepAction? Sleep);

    /// <summary>validateHandler: exactly one handler type; a second one is "may not specify more than 1 handler type".</summary>
    private static List<FieldError> ValidateHandler(Handler h, long? gracePeriod, FieldPath path, PodValidationOptions opts)
    {
        var errs = new List<FieldError>();
        var count = 0;
        void One(object? handler, string name, Func<List<FieldError>> validate)
        {
            if (handler is null) return;
            if (count > 0) errs.Add(FieldError.Forbidden(path.Child(name), "may not specify more than 1 handler type"));
            else
            {
                count++;
                errs.AddRange(validate());
            }
        }
        One(h.Exec, "exec", () => (h.Exec!.Command?.Count ?? 0) == 0 ? [FieldError.Required(path.Child("exec").Child("command"))] : []);
        One(h.HttpGet, "httpGet", () => ValidateHttpGet(h.HttpGet!, path.Child("httpGet")));
        One(h.TcpSocket, "tcpSocket", () => ValidatePortNumOrName(h.TcpSocket!.Port, path.Child("tcpSocket").Child("port")));
        One(h.Grpc, "grpc", () => ValidatePortNumOrName(h.Grpc!.Port ?? 0, path.Child("grpc").Child("port")));
        One(h.Sleep, "sleep", () => ValidateSleep(h.Sleep!, gracePeriod, path.Child("sleep"), opts));
        if (count == 0) errs.Add(FieldError.Required(path, "must specify a handler type"));
        return errs;
    }

    private static List<FieldError> ValidateHttpGet(HttpGetAction http, FieldPath path)
    {
        var errs = new List<FieldError>();
        if (string.IsNullOrEmpty(http.Path)) errs.Add(FieldError.Required(path.Child("path")));
        errs.AddRange(ValidatePortNumOrName(http.Port, path.Child("port")));
        var scheme = http.Scheme ?? "";
        if (scheme is not ("HTTP" or "HTTPS")) errs.Add(FieldError.NotSupported(path.Child("scheme"), scheme, ["HTTP", "HTTPS"]));
        foreach (var header in http.HttpHeaders ?? [])
            errs.AddRange(NameRules.IsHTTPHeaderName(header.Name ?? "").Select(m => FieldError.Invalid(path.Child("httpHeaders"), header.Name ?? "", m)));
        return errs;
    }

    /// <summary>ValidatePortNumOrName: a number 1-65535 or an IANA_SVC_NAME. A missing port is the int 0.</summary>
    internal static List<FieldError> ValidatePortNumOrName(IntOrString? port, FieldPath path)
    {
        var p = port ?? IntOrString.FromInt(0);
        return p.IsInt
            ? NameRules.IsValidPortNum(p.IntValue).Select(m => FieldError.Invalid(path, p.IntValue, m)).ToList()
            : NameRules.IsValidPortName(p.StringValue!).Select(m => FieldError.Invalid(path, p.StringValue!, m)).ToList();
    }

    /// <summary>validateSleepAction: 0 &lt; seconds &lt;= terminationGracePeriodSeconds (zero allowed only with PodLifecycleSleepActionAllowZero).</summary>
    private static List<FieldError> ValidateSleep(SleepAction sleep, long? gracePeriod, FieldPath path, PodValidationOptions opts)
    {
        if (gracePeriod is not { } grace) return [];
        var seconds = sleep.Seconds ?? 0;
        if (opts.AllowPodLifecycleSleepActionZeroValue)
            return seconds < 0 || seconds > grace
                ? [FieldError.Invalid(path, seconds, $"must be non-negative and less than terminationGracePeriodSeconds ({grace})")]
                : [];
        return seconds <= 0 || seconds > grace
            ? [FieldError.Invalid(path, seconds, $"must be greater than 0 and less than terminationGracePeriodSeconds ({grace}). Enable AllowPodLifecycleSleepActionZeroValue feature gate for zero sleep.")]
            : [];
    }
}
