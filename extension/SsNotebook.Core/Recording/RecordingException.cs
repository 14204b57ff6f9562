namespace SsNotebook.Recording;

/// <summary>A recording that cannot be read: not a recording, a newer format version, corrupt or truncated.
/// The message says which, and where; nothing of a bad file is ever half-used.</summary>
public sealed class RecordingException(string message, Exception? inner = null) : Exception(message, inner);
