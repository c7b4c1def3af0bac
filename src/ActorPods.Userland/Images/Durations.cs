using System.Globalization;

namespace ActorPods.Userland.Images;

/// <summary>Parses "100ms", "5s", "2m", "1h", "1.5s", or a bare number of seconds.</summary>
public static class Durations
{
    public static TimeSpan Parse(string? text, TimeSpan fallback = default)
    {
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        if (!TryParse(text, out var d)) throw new FormatException($"bad duration '{text}'");
        return d;
    }

    public static bool TryParse(string text, out TimeSpan value)
    {
        value = default;
        text = text.Trim();
        var unit = 1.0;
        string number;
        if (text.EndsWith("ms", StringComparison.Ordinal)) { unit = 0.001; number = text[..^2]; }
        else if (text.EndsWith('s')) number = text[..^1];
        else if (text.EndsWith('m')) { unit = 60; number = text[..^1]; }
        else if (text.EndsWith('h')) { unit = 3600; number = text[..^1]; }
        else if (text.EndsWith('d')) { unit = 86400; number = text[..^1]; }
        else number = text;
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) || n < 0) return false;
        value = TimeSpan.FromSeconds(n * unit);
        return true;
    }
}
