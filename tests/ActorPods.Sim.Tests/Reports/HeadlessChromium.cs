using System.Diagnostics;

namespace ActorPods.Sim.Tests.Reports;

/// <summary>Runs Debian's Chromium headless against a local file, in a fresh profile, with everything that would reach
/// the network switched off. A missing browser fails the test (with the install command), never skips it.</summary>
internal static class HeadlessChromium
{
    public const string Path = "/usr/bin/chromium";

    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(25);

    public static string RequirePath()
    {
        if (!File.Exists(Path))
            Assert.Fail($"Chromium is needed to render the HTML report but {Path} does not exist. " +
                        "Install it with: apt-get update && apt-get install -y chromium");
        return Path;
    }

    /// <summary>Copies a rendered page and its screenshot to $ACTORPODS_TEST_ARTIFACTS (when set) to look at by hand.</summary>
    public static void Keep(string html, string png, string name)
    {
        if (Environment.GetEnvironmentVariable("ACTORPODS_TEST_ARTIFACTS") is not { Length: > 0 } dir) return;
        Directory.CreateDirectory(dir);
        File.Copy(html, System.IO.Path.Combine(dir, name + ".html"), overwrite: true);
        File.Copy(png, System.IO.Path.Combine(dir, name + ".png"), overwrite: true);
    }

    /// <summary>Runs chromium with the given mode arguments (e.g. --dump-dom) on <paramref name="file"/>; returns stdout.</summary>
    public static string Run(string file, params string[] mode)
    {
        var exe = RequirePath();
        var profile = Directory.CreateTempSubdirectory("actorpods-chromium-");
        try
        {
            var psi = new ProcessStartInfo(exe)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var a in new[]
                     {
                         "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                         "--disable-background-networking", "--disable-component-update", "--disable-sync",
                         "--hide-scrollbars", $"--user-data-dir={profile.FullName}",
                     }.Concat(mode))
                psi.ArgumentList.Add(a);
            psi.ArgumentList.Add(new Uri(file).AbsoluteUri);
            using var process = Process.Start(psi) ?? throw new InvalidOperationException("chromium did not start");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Limit))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"chromium did not finish within {Limit.TotalSeconds} s");
            }
            process.WaitForExit(); // drains the redirected streams
            Assert.True(process.ExitCode == 0, $"chromium exited with {process.ExitCode}: {stderr.Result}");
            return stdout.Result;
        }
        finally
        {
            try { profile.Delete(recursive: true); } catch (IOException) { /* a crashed child may still hold a file */ }
        }
    }
}
