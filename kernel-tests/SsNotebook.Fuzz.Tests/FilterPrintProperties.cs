using CsCheck;
using SsNotebook.Filter;
using SsNotebook.Fuzz.Targets;

namespace SsNotebook.Fuzz.Tests;

/// <summary>
/// The printed form of a parsed filter (<see cref="SocketFilter"/>'s ToString, the canonical fully parenthesised
/// tree) is itself a filter: parsing it gives the same tree again (print ∘ parse is idempotent), and that tree
/// selects the same sockets as the original text.
/// </summary>
public sealed class FilterPrintProperties
{
    [Fact]
    public void PrintedFilterParsesToTheSameFilter() =>
        FilterGenerators.Filter(FilterGenerators.PrintableAtom).Sample(text =>
        {
            var parsed = Parse(text);
            var printed = parsed.ToString()!;
            var reparsed = Parse(printed);
            Assert.Equal(printed, reparsed.ToString());
            foreach (var socket in FilterPopulation.Sockets)
            {
                Assert.Equal(parsed.Matches(socket), reparsed.Matches(socket));
            }
        }, iter: 2000, threads: 1);

    private static SocketFilter Parse(string text) =>
        FilterParser.Parse([text], FilterTarget.CreateContext()) ?? throw new InvalidOperationException($"empty filter: {text}");
}
