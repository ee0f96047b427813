using System.Text.RegularExpressions;
using Npgsql;

namespace Platform.Silo;

/// <summary>
/// Checks the <c>--postgres</c> connection string the way UsePlatformPostgreSql will read it, so a malformed one is
/// bad configuration (exit 2, nothing started) rather than a failure of the running host; and keeps its password out of
/// error messages and logs.
/// </summary>
internal static partial class PostgresConnectionStrings
{
    public static string Check(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new FormatException("is empty; give a PostgreSQL connection string such as Host=localhost;Username=postgres;Database=platform");
        }

        try
        {
            _ = new NpgsqlConnectionStringBuilder(text);
        }
        catch (Exception error) when (error is ArgumentException or FormatException or InvalidCastException or OverflowException)
        {
            // Npgsql says which keyword it "couldn't set"; the inner exception says why.
            var reason = error switch
            {
                ArgumentException { ParamName: { } keyword, InnerException: KeyNotFoundException } => $"unknown keyword '{keyword}'",
                { InnerException: { } inner } => $"{MessageOf(error)}: {MessageOf(inner)}",
                _ => MessageOf(error),
            };
            throw new FormatException($"is not a valid PostgreSQL connection string: {reason}");
        }

        return text;
    }

    /// <summary>The text with the value of every password keyword replaced by ***, fit for an error message or a log line.</summary>
    public static string Redact(string text) => PasswordPattern().Replace(text, match => $"{match.Groups["key"].Value}***");

    /// <summary>Where the storage is, for the start log line: host, port and database, never the credentials.</summary>
    public static string Describe(string text)
    {
        var parsed = new NpgsqlConnectionStringBuilder(text);
        return $"{parsed.Host ?? "(no host)"}:{parsed.Port}/{parsed.Database ?? "(default database)"}";
    }

    /// <summary>The first line of the message, without the " (Parameter 'x')" that ArgumentException appends, or a final full stop.</summary>
    private static string MessageOf(Exception error)
    {
        var message = error.Message.Split('\n')[0].TrimEnd('\r');
        if (error is ArgumentException { ParamName: { } parameter } && message.EndsWith($" (Parameter '{parameter}')", StringComparison.Ordinal))
        {
            message = message[..^$" (Parameter '{parameter}')".Length];
        }

        return message.TrimEnd().TrimEnd('.');
    }

    [GeneratedRegex("""(?<key>(?:^|;)\s*(?:password|pwd|psw)\s*=\s*)(?:"[^"]*"|'[^']*'|[^;]*)""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PasswordPattern();
}
