namespace SsNotebook.Bpf;

/// <summary>BTF that cannot be read: malformed, or beyond what the reader supports. The message says which and where.</summary>
internal sealed class BtfException(string message) : Exception(message)
{
}
