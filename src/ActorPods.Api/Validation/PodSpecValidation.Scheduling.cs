using ActorPods.Api.Model;

namespace ActorPods.Api.Validation;

public static partial class PodSpecValidation
{
    /// <summary>validateNodeAffinity: required terms (at least one), preferred weights 1-100, each requirement's operator, key and values.</summary>
    private static List<FieldError> ValidateNodeAffinity(NodeAffinity? affinity, FieldPath path)
    {
        var errs = new List<FieldError>();
        if (affinity is null) return errs;
        if (affinity.RequiredDuringSchedulingIgnoredDuringExecution is { } required)
        {
            var termsPath = path.Child("requiredDuringSchedulingIgnoredDuringExecution").Child("nodeSelectorTerms");
            var terms = required.NodeSelectorTerms ?? [];
            if (terms.Count == 0) errs.Add(FieldError.Required(termsPath, "must have at least one node selector term"));
            for (var i = 0; i < terms.Count; i++) errs.AddRange(ValidateNodeSelectorTerm(terms[i], termsPath.Index(i)));
        }
        var preferred = affinity.PreferredDuringSchedulingIgnoredDuringExecution ?? [];
        for (var i = 0; i < preferred.Count; i++)
        {
            var termPath = path.Child("preferredDuringSchedulingIgnoredDuringExecution").Index(i);
            var weight = preferred[i].Weight ?? 0;
            if (weight is <= 0 or > 100) errs.Add(FieldError.Invalid(termPath.Child("weight"), weight, "must be in the range 1-100"));
            errs.AddRange(ValidateNodeSelectorTerm(preferred[i].Preference ?? new NodeSelectorTerm(), termPath.Child("preference")));
        }
        return errs;
    }

    private static List<FieldError> ValidateNodeSelectorTerm(NodeSelectorTerm term, FieldPath path)
    {
        var errs = new List<FieldError>();
        for (var j = 0; j < (term.MatchExpressions?.Count ?? 0); j++)
        {
            var rq = term.MatchExpressions![j];
            var rqPath = path.Child("matchExpressions").Index(j);
            var values = rq.Values ?? [];
            switch (rq.Operator)
            {
                case "In" or "NotIn":
                    if (values.Count == 0) errs.Add(FieldError.Required(rqPath.Child("values"), "must be specified when `operator` is 'In' or 'NotIn'"));
                    break;
                case "Exists" or "DoesNotExist":
                    if (values.Count > 0) errs.Add(FieldError.Forbidden(rqPath.Child("values"), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
                    break;
                case "Gt" or "Lt":
                    if (values.Count != 1) errs.Add(FieldError.Required(rqPath.Child("values"), "must be specified single value when `operator` is 'Lt' or 'Gt'"));
                    break;
                default:
                    errs.Add(FieldError.Invalid(rqPath.Child("operator"), rq.Operator ?? "", "not a valid selector operator"));
                    break;
            }
            errs.AddRange(MetadataValidation.ValidateLabelName(rq.Key ?? "", rqPath.Child("key")));
            for (var v = 0; v < values.Count; v++)
                errs.AddRange(NameRules.IsValidLabelValue(values[v]).Select(m => FieldError.Invalid(rqPath.Child("values").Index(v), values[v], m)));
        }
        for (var j = 0; j < (term.MatchFields?.Count ?? 0); j++)
        {
            var rq = term.MatchFields![j];
            var rqPath = path.Child("matchFields").Index(j);
            if (rq.Operator is "In" or "NotIn")
            {
                if ((rq.Values?.Count ?? 0) != 1)
                    errs.Add(FieldError.Required(rqPath.Child("values"), "must be only one value when `operator` is 'In' or 'NotIn' for node field selector"));
            }
            else errs.Add(FieldError.Invalid(rqPath.Child("operator"), rq.Operator ?? "", "not a valid selector operator"));
            if (rq.Key != "metadata.name") errs.Add(FieldError.Invalid(rqPath.Child("key"), rq.Key ?? "", "not a valid field selector key"));
            else
                for (var v = 0; v < (rq.Values?.Count ?? 0); v++)
                    errs.AddRange(NameRules.NameIsDNSSubdomain(rq.Values![v], false).Select(m => FieldError.Invalid(rqPath.Child("values").Index(v), rq.Values[v], m)));
        }
        return errs;
    }

    /// <summary>validateTopologySpreadConstraints: positive maxSkew, a topologyKey, a known action, no repeated pair, selector.</summary>
    private static List<FieldError> ValidateTopologySpreadConstraints(List<TopologySpreadConstraint>? constraints, FieldPath path)
    {
        var errs = new List<FieldError>();
        if (constraints is null) return errs;
        for (var i = 0; i < constraints.Count; i++)
        {
            var c = constraints[i];
            var sub = path.Index(i);
            var maxSkew = c.MaxSkew ?? 0;
            if (maxSkew <= 0) errs.Add(FieldError.Invalid(sub.Child("maxSkew"), maxSkew, "must be greater than zero"));
            if (string.IsNullOrEmpty(c.TopologyKey)) errs.Add(FieldError.Required(sub.Child("topologyKey"), "can not be empty"));
            var action = c.WhenUnsatisfiable ?? "";
            if (action is not ("DoNotSchedule" or "ScheduleAnyway"))
                errs.Add(FieldError.NotSupported(sub.Child("whenUnsatisfiable"), action, ["DoNotSchedule", "ScheduleAnyway"]));
            if (constraints.Skip(i + 1).Any(o => o.TopologyKey == c.TopologyKey && o.WhenUnsatisfiable == c.WhenUnsatisfiable))
                errs.Add(FieldError.Duplicate(sub.Child("{topologyKey, whenUnsatisfiable}"), $"{{{c.TopologyKey}, {action}}}"));
            if (c.MinDomains is { } minDomains)
            {
                if (minDomains <= 0) errs.Add(FieldError.Invalid(sub.Child("minDomains"), minDomains, "must be greater than zero"));
                if (action != "DoNotSchedule")
                    errs.Add(FieldError.Invalid(sub.Child("minDomains"), minDomains, $"can only use minDomains if whenUnsatisfiable=DoNotSchedule, not {action}"));
            }
            if (c.NodeAffinityPolicy is { } affinityPolicy && affinityPolicy is not ("Honor" or "Ignore"))
                errs.Add(FieldError.NotSupported(sub.Child("nodeAffinityPolicy"), affinityPolicy, ["Honor", "Ignore"]));
            if (c.NodeTaintsPolicy is { } taintsPolicy && taintsPolicy is not ("Honor" or "Ignore"))
                errs.Add(FieldError.NotSupported(sub.Child("nodeTaintsPolicy"), taintsPolicy, ["Honor", "Ignore"]));
            errs.AddRange(MetadataValidation.ValidateLabelSelector(c.LabelSelector, sub.Child("labelSelector")));
        }
        return errs;
    }
}
