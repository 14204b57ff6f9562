using SsNotebook.Interactive;

namespace SsNotebook.Kernel.Tests.Kernel;

public sealed class ProgressThrottleTests
{
    private static TimeSpan Ms(int milliseconds) => TimeSpan.FromMilliseconds(milliseconds);

    [Fact]
    public void StatusGoesOutWithTheFirstSampleThenAtLeastEvery900Ms()
    {
        var throttle = new ProgressThrottle();

        Assert.False(throttle.StatusDue(Ms(100), news: false));
        Assert.True(throttle.StatusDue(Ms(250), news: true));
        Assert.False(throttle.StatusDue(Ms(500), news: true));
        Assert.True(throttle.StatusDue(Ms(750), news: true));
        Assert.False(throttle.StatusDue(Ms(1600), news: false));
        Assert.True(throttle.StatusDue(Ms(1650), news: false));
        Assert.False(throttle.StatusDue(Ms(2500), news: false));
        Assert.True(throttle.StatusDue(Ms(2550), news: false));
    }

    [Fact]
    public void SixteenSamplesAQuarterSecondApartGiveAnUpdateEveryHalfSecond()
    {
        var throttle = new ProgressThrottle();

        var published = Enumerable.Range(1, 16).Count(sample => throttle.StatusDue(Ms(sample * 250), news: true));

        Assert.Equal(8, published);
    }

    [Fact]
    public void ChartsAreRedrawnOnceASecondNeverTwiceAtOnceAndOnlyForNewSamples()
    {
        var throttle = new ProgressThrottle();

        Assert.False(throttle.RedrawDue(Ms(0), newSamples: false));
        Assert.True(throttle.RedrawDue(Ms(250), newSamples: true));
        Assert.False(throttle.RedrawDue(Ms(1500), newSamples: true));
        throttle.RedrawDone();
        Assert.True(throttle.RedrawDue(Ms(1600), newSamples: true));
        throttle.RedrawDone();
        Assert.False(throttle.RedrawDue(Ms(2000), newSamples: true));
        Assert.False(throttle.RedrawDue(Ms(5000), newSamples: false));
        Assert.True(throttle.RedrawDue(Ms(5000), newSamples: true));
    }
}
