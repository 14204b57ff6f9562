namespace SsNotebook.Recording;

/// <summary>A recording that cannot be read: not a recording, a newer format version, corrupt or truncated.
/// The message says which, and where; nothing of a bad file is ever half-used.</summary>
/// <param name="message">What is wrong with the recording, and where.</param>
/// <param name="inner">The I/O, format or parse error behind it, if any.</param>
public sealed class RecordingException(string message, Exception? inner = null) : Exception(message, inner);
