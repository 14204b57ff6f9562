using SsNotebook.CommandLine;

namespace SsNotebook.Core.Tests.CommandLine;

public sealed class GetoptLongTests
{
    private static readonly GetoptLong Getopt = new("ss", SsOptionTable.ShortOptions, SsOptionTable.LongOptions);

    [Fact]
    public void OperandsArePermutedAfterTheOptions()
    {
        var result = Getopt.Parse(["dst", "-t", "1.2.3.4", "-fINET", "--", "-n", "x"], posixlyCorrect: false);
        Assert.Null(result.Error);
        Assert.Equal([new ParsedOption('t', null), new ParsedOption('f', "INET")], result.Options);
        Assert.Equal(["dst", "1.2.3.4", "-n", "x"], result.Operands);
    }

    [Fact]
    public void PosixlyCorrectStopsAtTheFirstOperand()
    {
        var result = Getopt.Parse(["-t", "state", "listening", "-n"], posixlyCorrect: true);
        Assert.Equal([new ParsedOption('t', null)], result.Options);
        Assert.Equal(["state", "listening", "-n"], result.Operands);
    }

    [Fact]
    public void SingleDashIsAnOperand()
    {
        var result = Getopt.Parse(["-", "-t"], posixlyCorrect: false);
        Assert.Equal(["-"], result.Operands);
        Assert.Equal([new ParsedOption('t', null)], result.Options);
    }

    [Fact]
    public void ArgumentTakenFromTheRestOfTheClusterOrTheNextWord()
    {
        Assert.Equal([new ParsedOption('t', null), new ParsedOption('A', "udp")], Getopt.Parse(["-tAudp"], false).Options);
        Assert.Equal([new ParsedOption('A', "--")], Getopt.Parse(["-A", "--"], false).Options);
        Assert.Equal([new ParsedOption('A', "x=y")], Getopt.Parse(["--query=x=y"], false).Options);
        Assert.Equal([new ParsedOption('A', "")], Getopt.Parse(["--query="], false).Options);
    }

    [Fact]
    public void OptionsBeforeAnErrorAreKept()
    {
        var result = Getopt.Parse(["-tn", "-y", "-a"], false);
        Assert.Equal("ss: invalid option -- 'y'", result.Error);
        Assert.Equal([new ParsedOption('t', null), new ParsedOption('n', null)], result.Options);
    }

    [Fact]
    public void ExactNameBeatsLongerNames()
    {
        Assert.Equal([new ParsedOption('Z', null)], Getopt.Parse(["--context"], false).Options);
        Assert.Equal([new ParsedOption('b', null)], Getopt.Parse(["--bpf"], false).Options);
        Assert.Equal([new ParsedOption(SsOptionTable.Tipc, null)], Getopt.Parse(["--tipc"], false).Options);
        Assert.Equal([new ParsedOption(SsOptionTable.TipcInfo, null)], Getopt.Parse(["--tipci"], false).Options);
    }
}
