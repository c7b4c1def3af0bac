using ActorPods.Api.Printing;

namespace ActorPods.Api.Tests.Printing;

/// <summary>Cases from k8s.io/apimachinery/pkg/util/duration/duration_test.go (v0.32).</summary>
public class HumanDurationTests
{
    private static readonly TimeSpan Ms = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan S = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan M = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan H = TimeSpan.FromHours(1);
    private static readonly TimeSpan D = TimeSpan.FromDays(1);
    private static readonly TimeSpan Y = TimeSpan.FromDays(365);

    public static TheoryData<TimeSpan, string> HumanCases => new()
    {
        { S, "1s" },
        { 70 * S, "70s" },
        { 190 * S, "3m10s" },
        { 70 * M, "70m" },
        { 47 * H, "47h" },
        { 49 * H, "2d1h" },
        { (8 * 24 + 2) * H, "8d" },
        { 367 * 24 * H, "367d" },
        { (365 * 2 * 24 + 25) * H, "2y1d" },
        { (365 * 8 * 24 + 2) * H, "8y" },
        // TestHumanDurationBoundaries
        { -2 * S, "<invalid>" },
        { -2 * S + TimeSpan.FromTicks(1), "0s" },
        { TimeSpan.Zero, "0s" },
        { S - Ms, "0s" },
        { 2 * M - Ms, "119s" },
        { 2 * M, "2m" },
        { 2 * M + S, "2m1s" },
        { 10 * M - Ms, "9m59s" },
        { 10 * M, "10m" },
        { 10 * M + S, "10m" },
        { 3 * H - Ms, "179m" },
        { 3 * H, "3h" },
        { 3 * H + M, "3h1m" },
        { 8 * H - Ms, "7h59m" },
        { 8 * H, "8h" },
        { 8 * H + 59 * M, "8h" },
        { 2 * D - Ms, "47h" },
        { 2 * D, "2d" },
        { 2 * D + H, "2d1h" },
        { 8 * D - Ms, "7d23h" },
        { 8 * D, "8d" },
        { 8 * D + 23 * H, "8d" },
        { 2 * Y - Ms, "729d" },
        { 2 * Y, "2y" },
        { 2 * Y + 23 * H, "2y" },
        { 2 * Y + 23 * H + 59 * M, "2y" },
        { 2 * Y + D - Ms, "2y" },
        { 2 * Y + D, "2y1d" },
        { 3 * Y, "3y" },
        { 4 * Y, "4y" },
        { 5 * Y, "5y" },
        { 6 * Y, "6y" },
        { 7 * Y, "7y" },
        { 8 * Y - Ms, "7y364d" },
        { 8 * Y, "8y" },
        { 8 * Y + 364 * D, "8y" },
        { 9 * Y, "9y" },
        // The forms the brief names.
        { 5 * S, "5s" },
        { 3 * M + 49 * S, "3m49s" },
        { 90 * M, "90m" },
        { 3 * H + 59 * M + 59 * S, "3h59m" },
    };

    [Theory]
    [MemberData(nameof(HumanCases))]
    public void Human_duration_matches_apimachinery(TimeSpan d, string expected) =>
        Assert.Equal(expected, HumanDuration.Format(d));

    public static TheoryData<TimeSpan, string> ShortCases => new()
    {
        { -2 * S, "<invalid>" },
        { -2 * S + TimeSpan.FromTicks(1), "0s" },
        { TimeSpan.Zero, "0s" },
        { S - Ms, "0s" },
        { S, "1s" },
        { 2 * S - Ms, "1s" },
        { M - Ms, "59s" },
        { M, "1m" },
        { 2 * M - Ms, "1m" },
        { H - Ms, "59m" },
        { H, "1h" },
        { 2 * H - Ms, "1h" },
        { D - Ms, "23h" },
        { D, "1d" },
        { 2 * D - Ms, "1d" },
        { Y - Ms, "364d" },
        { Y, "1y" },
        { 2 * Y - Ms, "1y" },
        { 2 * Y, "2y" },
    };

    [Theory]
    [MemberData(nameof(ShortCases))]
    public void Short_human_duration_matches_apimachinery(TimeSpan d, string expected) =>
        Assert.Equal(expected, HumanDuration.FormatShort(d));

    [Fact]
    public void Since_an_unset_timestamp_is_unknown()
    {
        var now = DateTimeOffset.Parse("2026-01-01T00:00:00Z");
        Assert.Equal("<unknown>", HumanDuration.Since(null, now));
        Assert.Equal("<unknown>", HumanDuration.Since(DateTimeOffset.MinValue, now));
        Assert.Equal("3m49s", HumanDuration.Since(now.AddSeconds(-229), now));
        Assert.Equal("0s", HumanDuration.Since(now.AddSeconds(1), now));
    }

    [Fact]
    public void Since_drops_the_sub_second_part_of_a_metav1_time_but_not_of_a_micro_time()
    {
        var now = DateTimeOffset.Parse("2026-01-01T00:00:00Z");
        var finished = now.AddMilliseconds(-229_600);   // 23:56:10.4; on the wire "23:56:10Z"
        Assert.Equal("3m50s", HumanDuration.Since(finished, now));
        Assert.Equal("3m49s", HumanDuration.SinceMicro(finished, now));
        Assert.Equal("<unknown>", HumanDuration.SinceMicro(null, now));
    }
}
