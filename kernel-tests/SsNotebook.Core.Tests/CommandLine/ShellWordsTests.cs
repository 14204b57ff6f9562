using SsNotebook.CommandLine;
using SsNotebook.Query;

namespace SsNotebook.Core.Tests.CommandLine;

public sealed class ShellWordsTests
{
    [Theory]
    [InlineData("", new string[0])]
    [InlineData("   \t ", new string[0])]
    [InlineData("-tan", new[] { "-tan" })]
    [InlineData("  -t   -a\t-n  ", new[] { "-t", "-a", "-n" })]
    [InlineData("-tn '( dport = :ssh )'", new[] { "-tn", "( dport = :ssh )" })]
    [InlineData("-tn \"( dport = :ssh )\"", new[] { "-tn", "( dport = :ssh )" })]
    [InlineData("a'b c'd", new[] { "ab cd" })]
    [InlineData("'' \"\"", new[] { "", "" })]
    [InlineData(@"a\ b", new[] { "a b" })]
    [InlineData(@"\'x\'", new[] { "'x'" })]
    [InlineData(@"'a\b'", new[] { @"a\b" })]
    [InlineData("\"a\\\"b\\\\c\\d\"", new[] { "a\"b\\c\\d" })]
    [InlineData("\"it's\"", new[] { "it's" })]
    [InlineData("'say \"hi\"'", new[] { "say \"hi\"" })]
    [InlineData("a\\\nb", new[] { "ab" })]
    [InlineData("state\nlistening", new[] { "state", "listening" })]
    [InlineData("dst\\ 1.2.3.4 \\!", new[] { "dst 1.2.3.4", "!" })]
    [InlineData("end\\", new[] { "end\\" })]
    public void Splits(string line, string[] words) => Assert.Equal(words, ShellWords.Split(line));

    [Theory]
    [InlineData("-t 'dport = 22", "ss: unterminated single quote in command line")]
    [InlineData("-t \"dport = 22", "ss: unterminated double quote in command line")]
    [InlineData("\"a\\\"", "ss: unterminated double quote in command line")]
    public void UnterminatedQuotes(string line, string message)
    {
        var error = Assert.Throws<SsException>(() => ShellWords.Split(line));
        Assert.Equal(message, error.Message);
        Assert.Equal(1, error.ExitCode);
    }
}
