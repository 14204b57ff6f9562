using CsCheck;

namespace SsNotebook.Fuzz.Tests;

/// <summary>Random filter texts in ss's language: every comparison, host form, connective spelling and nesting.</summary>
internal static class FilterGenerators
{
    private static readonly Gen<int> Port = Gen.Frequency((3, Gen.OneOf(0, 22, 53, 443, 5001, 8080, 40001)), (1, Gen.Int[0, 65535]));

    private static readonly Gen<string> PortComparison =
        from end in Gen.OneOf("sport", "dport")
        from op in Gen.OneOf("= ", "== ", "!= ", ">= ", "<= ", "> ", "< ", "eq ", "neq ", "ge ", "le ", "gt ", "lt ", "")
        from colon in Gen.OneOf(":", "")
        from port in Port
        select $"{end} {op}{colon}{port}";

    private static readonly Gen<string> Address = Gen.OneOf(
        Gen.OneOf("127.0.0.1", "127.0.0.2", "0.0.0.0", "127.0.0.0/8", "127.0.0.1/32", "10.0.0.0/8", "*"),
        Gen.OneOf("[::1]", "[::]", "[::ffff:127.0.0.1]", "[::ffff:127.0.0.0/104]", "[::/0]"),
        from a in Gen.Int[0, 255] from b in Gen.Int[0, 255] from length in Gen.Int[0, 32] select $"127.{a}.{b}.0/{length}");

    private static readonly Gen<string> HostCondition =
        from end in Gen.OneOf("src", "dst")
        from address in Address
        from port in Gen.Frequency((2, Gen.Const("")), (1, Port.Select(p => $":{p}")), (1, Gen.Const(":*")))
        select $"{end} {address}{port}";

    private static readonly Gen<string> Mark =
        from mark in Gen.OneOf(0, 0x15, 0x1234, 0x10)
        from mask in Gen.OneOf("", "/0xff", "/0xf0", "/0xffffffff")
        from op in Gen.OneOf("", "= ", "!= ")
        select $"fwmark {op}0x{mark:x}{mask}";

    /// <summary>Conditions whose printed form (<c>ToString</c>) is itself a filter.</summary>
    public static Gen<string> PrintableAtom { get; } = Gen.Frequency(
        (4, PortComparison), (4, HostCondition), (1, Mark), (1, Gen.Const("autobound")));

    /// <summary>Every condition the kernel agreement covers (device names print as indexes, so only here).</summary>
    public static Gen<string> Atom { get; } = Gen.Frequency((9, PrintableAtom), (1, Gen.OneOf("dev lo", "dev != lo")));

    public static Gen<string> Filter(Gen<string> atom) => Expression(atom, 4);

    private static Gen<string> Expression(Gen<string> atom, int depth)
    {
        if (depth == 0)
        {
            return atom;
        }
        var inner = Expression(atom, depth - 1);
        var list = from first in inner
                   from rest in Gen.Select(Gen.OneOf("and", "or", "&&", "||", "&", "|", ""), inner, (op, e) => $" {op} {e}").Array[0, 3]
                   select first + string.Concat(rest);
        return Gen.Frequency(
            (5, atom),
            (2, inner.Select(e => $"not {e}")),
            (1, inner.Select(e => $"! {e}")),
            (3, list.Select(l => $"( {l} )")),
            (3, list));
    }
}
