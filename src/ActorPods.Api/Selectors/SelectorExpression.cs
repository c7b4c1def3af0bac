using System.Text;

namespace ActorPods.Api.Selectors;

/// <summary>
/// A parsed selector string as `kubectl -l` and `?labelSelector=` take it (k8s.io/apimachinery/pkg/labels/selector.go Parse):
/// <c>app=web,tier!=db,env in (a,b),env notin (c),release,!legacy</c>. Requirements are ANDed.
/// The same syntax (with = and != only) serves field selectors.
/// </summary>
public sealed class SelectorExpression
{
    public enum Op { Equals, NotEquals, In, NotIn, Exists, DoesNotExist }

    public sealed record Requirement(string Key, Op Operator, IReadOnlyList<string> Values)
    {
        public bool Matches(IReadOnlyDictionary<string, string> labels)
        {
            var present = labels.TryGetValue(Key, out var value);
            return Operator switch
            {
                Op.Equals or Op.In => present && Values.Contains(value!),
                Op.NotEquals or Op.NotIn => !present || !Values.Contains(value!),
                Op.Exists => present,
                _ => !present,
            };
        }
    }

    public IReadOnlyList<Requirement> Requirements { get; }

    private SelectorExpression(IReadOnlyList<Requirement> requirements) => Requirements = requirements;

    /// <summary>The empty selector: matches everything.</summary>
    public static SelectorExpression Everything { get; } = new([]);

    public bool Matches(IReadOnlyDictionary<string, string>? labels)
    {
        labels ??= new Dictionary<string, string>();
        return Requirements.All(r => r.Matches(labels));
    }

    /// <summary>Parses; throws <see cref="FormatException"/> with a message naming the problem.</summary>
    public static SelectorExpression Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return Everything;
        var requirements = new List<Requirement>();
        var pos = 0;
        while (true)
        {
            SkipSpaces(text, ref pos);
            requirements.Add(ParseRequirement(text, ref pos));
            SkipSpaces(text, ref pos);
            if (pos >= text.Length) break;
            if (text[pos] != ',') throw new FormatException($"unable to parse requirement: found '{text[pos..]}', expected: ','");
            pos++;
        }
        return new SelectorExpression(requirements);
    }

    private static Requirement ParseRequirement(string text, ref int pos)
    {
        if (pos < text.Length && text[pos] == '!')
        {
            pos++;
            SkipSpaces(text, ref pos);
            return new Requirement(ReadKey(text, ref pos), Op.DoesNotExist, []);
        }
        var key = ReadKey(text, ref pos);
        SkipSpaces(text, ref pos);
        if (pos >= text.Length || text[pos] == ',') return new Requirement(key, Op.Exists, []);
        if (Take(text, ref pos, "==") || Take(text, ref pos, "=")) return new Requirement(key, Op.Equals, [ReadValue(text, ref pos)]);
        if (Take(text, ref pos, "!=")) return new Requirement(key, Op.NotEquals, [ReadValue(text, ref pos)]);
        if (TakeWord(text, ref pos, "notin")) return new Requirement(key, Op.NotIn, ReadSet(text, ref pos));
        if (TakeWord(text, ref pos, "in")) return new Requirement(key, Op.In, ReadSet(text, ref pos));
        throw new FormatException($"unable to parse requirement: found '{text[pos..]}', expected: in, notin, =, ==, !=, gt, lt");
    }

    private static string ReadKey(string text, ref int pos)
    {
        var start = pos;
        while (pos < text.Length && !" ,=!()".Contains(text[pos])) pos++;
        if (pos == start) throw new FormatException($"unable to parse requirement: found '{text[start..]}', expected: identifier");
        return text[start..pos];
    }

    private static string ReadValue(string text, ref int pos)
    {
        SkipSpaces(text, ref pos);
        var start = pos;
        while (pos < text.Length && !" ,()".Contains(text[pos])) pos++;
        return text[start..pos];
    }

    private static List<string> ReadSet(string text, ref int pos)
    {
        SkipSpaces(text, ref pos);
        if (!Take(text, ref pos, "(")) throw new FormatException($"unable to parse requirement: found '{text[pos..]}', expected: '('");
        var values = new List<string>();
        while (true)
        {
            values.Add(ReadValue(text, ref pos));
            SkipSpaces(text, ref pos);
            if (Take(text, ref pos, ")")) return values;
            if (!Take(text, ref pos, ",")) throw new FormatException($"unable to parse requirement: found '{text[pos..]}', expected: ',', ')'");
        }
    }

    private static bool Take(string text, ref int pos, string token)
    {
        if (string.CompareOrdinal(text, pos, token, 0, token.Length) != 0) return false;
        pos += token.Length;
        return true;
    }

    private static bool TakeWord(string text, ref int pos, string word)
    {
        var end = pos + word.Length;
        if (end > text.Length || string.CompareOrdinal(text, pos, word, 0, word.Length) != 0) return false;
        if (end < text.Length && text[end] != ' ' && text[end] != '(') return false;
        pos = end;
        return true;
    }

    private static void SkipSpaces(string text, ref int pos)
    {
        while (pos < text.Length && text[pos] == ' ') pos++;
    }

    public override string ToString()
    {
        var sb = new StringBuilder();
        foreach (var r in Requirements)
        {
            if (sb.Length > 0) sb.Append(',');
            sb.Append(r.Operator switch
            {
                Op.Equals => $"{r.Key}={r.Values[0]}",
                Op.NotEquals => $"{r.Key}!={r.Values[0]}",
                Op.In => $"{r.Key} in ({string.Join(",", r.Values)})",
                Op.NotIn => $"{r.Key} notin ({string.Join(",", r.Values)})",
                Op.Exists => r.Key,
                _ => "!" + r.Key,
            });
        }
        return sb.ToString();
    }
}
