namespace SsNotebook.Query;

/// <summary>
/// Runs work inside a -N namespace, reporting what the netlink layer cannot do there — enter the namespace, or a
/// netlink failure the work leaves unhandled — as ss reports it: an <see cref="SsException"/> with the same message
/// (exit 1).
/// </summary>
internal static class SsNamespace
{
    public static T Run<T>(string name, Func<T> work)
    {
        try
        {
            return NetworkNamespace.Run(name, work);
        }
        catch (NetlinkException exception)
        {
            throw new SsException(exception.Message);
        }
    }
}
