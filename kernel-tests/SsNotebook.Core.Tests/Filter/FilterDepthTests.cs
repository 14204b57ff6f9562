using System.Net;
using System.Text;
using SsNotebook.Core.Tests.Support;
using SsNotebook.Filter;
using SsNotebook.Query;
using SsNotebook.Sockets;

namespace SsNotebook.Core.Tests.Filter;

/// <summary>
/// ss's parser gives up when bison's stack would reach 10,000 entries; ours stops at the same word with the same
/// message, and nothing that walks a parsed filter recurses. The boundaries below were measured with ss 6.10.
/// </summary>
public class FilterDepthTests
{
    private const string MemoryExhausted = "ss: bison bellows (while parsing filter): \"memory exhausted!\" Sorry.\n";

    /// <summary>A thread stack far smaller than any .NET default: a recursion per level would overflow it.</summary>
    private const int SmallStack = 256 * 1024;

    private static string Repeat(string word, int count) => new StringBuilder(word.Length * count).Insert(0, word, count).ToString();

    private static SocketFilter? Parse(string text) => FilterTestContext.Parse(text);

    [Theory]
    [InlineData("not ", "", "sport = :1", 9995)]
    [InlineData("! ", "", "sport = :1", 9995)]
    [InlineData("not ", "", "sport :1", 9995)]
    [InlineData("not ", "", "src 1.2.3.4", 9995)]
    [InlineData("not ", "", "dev != lo", 9995)]
    [InlineData("not ", "", "fwmark 1", 9995)]
    [InlineData("not ", "", "autobound", 9997)]
    [InlineData("not ", "", "( sport = :1 )", 9994)]
    [InlineData("( ", ") ", "sport = :1 ", 9995)]
    [InlineData("( ", ") ", "sport = :1 or sport = :2 ", 9993)]
    [InlineData("( ", ") ", "sport = :1 sport = :2 ", 9994)]
    [InlineData("sport = :1 or ( ", ") ", "sport = :1 ", 3331)]
    [InlineData("sport = :1 ( ", ") ", "sport = :1 ", 4997)]
    [InlineData("not ( ", ") ", "sport = :1 ", 4997)]
    public void NestingStopsWhereSsStops(string open, string close, string inner, int deepestAccepted)
    {
        var accepted = Repeat(open, deepestAccepted) + inner + Repeat(close, deepestAccepted);
        Assert.NotNull(Parse(accepted));
        var refused = Repeat(open, deepestAccepted + 1) + inner + Repeat(close, deepestAccepted + 1);
        var error = Assert.Throws<SsException>(() => Parse(refused));
        Assert.Equal(MemoryExhausted, error.Message);
        Assert.Equal(255, error.ExitCode);
        Assert.True(error.ShowUsage);
    }

    [Fact]
    public void TheLimitComesBeforeLaterWordsAreRead()
    {
        // The word that overflows is read; the broken port after it never is.
        var error = Assert.Throws<SsException>(() => Parse(Repeat("not ", 50_000) + "sport = :nope"));
        Assert.Equal(MemoryExhausted, error.Message);
    }

    [Fact]
    public void CommandLineShowsUsageAfterTheMessage()
    {
        var args = new List<string> { "-t" };
        args.AddRange(Enumerable.Repeat("not", 50_000));
        args.AddRange(["sport", "=", ":1"]);
        var error = Assert.Throws<SsException>(() => SsNotebook.CommandLine.SsCommandLine.Parse(args, new SsEnvironment()));
        Assert.Equal(MemoryExhausted + SsNotebook.CommandLine.SsUsage.Text.TrimEnd('\n'), error.Message);
        Assert.Equal(255, error.ExitCode);
    }

    [Fact]
    public void DeepestAcceptedNestingEvaluatesCompilesAndPrintsOnASmallStack()
    {
        var filter = Parse(Repeat("not ", 9995) + "sport = :1")!;
        var socket = new SocketRecord { Table = SocketTable.Tcp, Family = AddressFamilies.Inet, LocalPort = 1 };
        var results = OnSmallStack(() => (filter.Matches(socket), filter.CompileInetBytecode()?.Length, filter.ToString()!.Length));
        // An odd number of nots: the port matches, so the filter does not.
        Assert.False(results.Item1);
        // The condition (12 bytes) and one 4-byte jump per not.
        Assert.Equal(12 + (4 * 9995), results.Item2);
        Assert.Equal((4 * 9995) + "src *:1".Length, results.Item3);
    }

    [Fact]
    public void AFlatListOfAnyLengthParsesAndWalksOnASmallStack()
    {
        const int Terms = 200_000;
        var text = Repeat("sport = :1 or ", Terms - 1) + "sport = :2";
        var (filter, matchesTwo, matchesThree, bytecode, printed) = OnSmallStack(() =>
        {
            var parsed = Parse(text)!;
            return (parsed,
                parsed.Matches(new SocketRecord { Table = SocketTable.Tcp, Family = AddressFamilies.Inet, LocalPort = 2 }),
                parsed.Matches(new SocketRecord { Table = SocketTable.Tcp, Family = AddressFamilies.Inet, LocalPort = 3 }),
                parsed.CompileInetBytecode(),
                parsed.ToString()!);
        });
        Assert.IsType<OrFilter>(filter);
        Assert.True(matchesTwo);
        Assert.False(matchesThree);
        // 200,000 conditions do not fit in one request: user space filters alone.
        Assert.Null(bytecode);
        Assert.Equal((2 * (Terms - 1)) + (Terms * "src *:1".Length) + ((Terms - 1) * " or ".Length) + (2 * (Terms - 1)), printed.Length);
        Assert.EndsWith(" or src *:1 ) or src *:1 ) or src *:2 )", printed, StringComparison.Ordinal);
    }

    [Fact]
    public void BytecodeUpToTheRequestLimitIsSentAndLongerIsNot()
    {
        // Each "sport = :1" compiles to 12 bytes and each "or" adds a 4-byte jump: n terms take 16n - 4 bytes.
        var fits = (InetBytecode.MaxLength + 4) / 16;
        Assert.Equal(65424, InetBytecode.MaxLength);
        Assert.Equal((16 * fits) - 4, Parse(Repeat("sport = :1 or ", fits - 1) + "sport = :1")!.CompileInetBytecode()!.Length);
        Assert.Null(Parse(Repeat("sport = :1 or ", fits) + "sport = :1")!.CompileInetBytecode());
        // ss's case from the issue: 5,001 terms.
        Assert.Null(Parse(Repeat("sport = :1 or ", 5000) + "sport = :2")!.CompileInetBytecode());
    }

    [Fact]
    public void TreesBuiltInCodeDeeperThanAnyParseAlsoWalkOnASmallStack()
    {
        SocketFilter filter = new LambdaFilter(socket => socket.LocalPort == 7, InetBytecodeForTests());
        for (var i = 0; i < 300_000; i++)
        {
            filter = (i % 3) switch
            {
                0 => new NotFilter(filter),
                1 => new AndFilter(new LambdaFilter(_ => true, InetBytecodeForTests()), filter),
                _ => new OrFilter(new LambdaFilter(_ => false, InetBytecodeForTests()), filter),
            };
        }
        var socket = new SocketRecord { LocalPort = 7 };
        var (matches, bytecode, length) = OnSmallStack(() => (filter.Matches(socket), filter.CompileInetBytecode(), filter.ToString()!.Length));
        // 100,000 nots: an even number.
        Assert.True(matches);
        Assert.Null(bytecode);
        Assert.True(length > 300_000);
    }

    [Theory]
    [InlineData("sport = 1 or ( sport = 2 and not dport = 3 )")]
    [InlineData("not not ( src *:8080 || fwmark 0x15/0xff ) ! autobound")]
    [InlineData("src [::1] or dst [::ffff:127.0.0.0/104]:443 and src [2001:db8::/32]")]
    [InlineData("sport > 1000 and dport < 2000 or sport != :22 and dst 10.0.0.0/8")]
    [InlineData("( ( ( autobound ) ) ) src unix:/run/* or src link:ip:eth0 or dst netlink:rtnl:kernel or src vsock:2:1234")]
    public void PrintedFiltersParseToTheSameFilter(string text)
    {
        var printed = Parse(text)!.ToString()!;
        Assert.Equal(printed, Parse(printed)!.ToString());
    }

    /// <summary>The jump program agrees with a plain recursive reading of the tree on every shape up to depth 5.</summary>
    [Fact]
    public void JumpProgramAgreesWithTheTreeOnRandomShapes()
    {
        var random = new Random(9);
        for (var round = 0; round < 2000; round++)
        {
            var leaves = new bool[6];
            var tree = RandomTree(random, 5, leaves);
            for (var assignment = 0; assignment < 64; assignment++)
            {
                for (var i = 0; i < leaves.Length; i++)
                {
                    leaves[i] = (assignment & (1 << i)) != 0;
                }
                Assert.Equal(Reference(tree), tree.Matches(new SocketRecord()));
            }
        }
    }

    private static SocketFilter RandomTree(Random random, int depth, bool[] leaves)
    {
        var choice = depth == 0 ? 3 : random.Next(5);
        return choice switch
        {
            0 => new AndFilter(RandomTree(random, depth - 1, leaves), RandomTree(random, depth - 1, leaves)),
            1 => new OrFilter(RandomTree(random, depth - 1, leaves), RandomTree(random, depth - 1, leaves)),
            2 => new NotFilter(RandomTree(random, depth - 1, leaves)),
            _ => Leaf(random.Next(leaves.Length), leaves),
        };
    }

    private static LambdaFilter Leaf(int index, bool[] leaves) => new(_ => leaves[index]);

    private static bool Reference(SocketFilter filter) => filter switch
    {
        AndFilter both => Reference(both.Left) && Reference(both.Right),
        OrFilter either => Reference(either.Left) || Reference(either.Right),
        NotFilter negation => !Reference(negation.Operand),
        _ => filter.Matches(new SocketRecord()),
    };

    private static byte[] InetBytecodeForTests() => [0, 4, 8, 0];

    private static T OnSmallStack<T>(Func<T> work)
    {
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = work();
            }
#pragma warning disable CA1031 // Rethrown on the test thread.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                failure = exception;
            }
        }, SmallStack);
        thread.Start();
        thread.Join();
        if (failure is not null)
        {
            throw new InvalidOperationException("failed on the small stack", failure);
        }
        return result;
    }
}
