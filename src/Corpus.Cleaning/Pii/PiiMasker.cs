using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Corpus.Core.Recipes;

namespace Corpus.Cleaning.Pii;

/// <summary>How many of each kind were masked in one text.</summary>
public readonly record struct PiiCounts(int Emails, int IpAddresses, int Phones)
{
    public int Total => Emails + IpAddresses + Phones;
}

/// <summary>
/// Masks personal data the way FineWeb does: e-mail addresses and public IP addresses by default, phone numbers when
/// asked. Replacements are reserved documentation values (RFC 2606 example.com, RFC 5737 192.0.2.0/24, RFC 3849
/// 2001:db8::/32), so masked text still reads naturally and masking twice changes nothing.
/// </summary>
public sealed partial class PiiMasker(PiiSettings settings)
{
    public const string EmailMask = "email@example.com";
    public const string Ipv4Mask = "192.0.2.1";
    public const string Ipv6Mask = "2001:db8::1";
    public const string PhoneMask = "+00 000 000 000";

    public (string Text, PiiCounts Counts) Mask(string text)
    {
        int emails = 0, ips = 0, phones = 0;
        if (settings.Emails && text.Contains('@'))
            text = Email().Replace(text, m => m.Value == EmailMask ? m.Value : Count(ref emails, EmailMask));
        if (settings.IpAddresses)
        {
            if (text.Contains('.')) text = Ipv4().Replace(text, m => IsPublic(m.Value) ? Count(ref ips, Ipv4Mask) : m.Value);
            if (text.Contains(':')) text = Ipv6().Replace(text, m => IsPublic(m.Value) ? Count(ref ips, Ipv6Mask) : m.Value);
        }
        if (settings.Phones)
            text = Phone().Replace(text, m => IsPhone(m.Value) ? Count(ref phones, PhoneMask) : m.Value);
        return (text, new PiiCounts(emails, ips, phones));
    }

    private static string Count(ref int counter, string mask)
    {
        counter++;
        return mask;
    }

    /// <summary>Only addresses reachable on the internet identify someone; private, loopback and reserved ones do not.</summary>
    public static bool IsPublic(string candidate)
    {
        if (!IPAddress.TryParse(candidate, out var ip)) return false;
        var b = ip.GetAddressBytes();
        if (ip.AddressFamily == AddressFamily.InterNetwork)
        {
            if (candidate.Split('.').Any(p => p.Length > 1 && p[0] == '0')) return false; // "01.02.2024" is a date
            return !(b[0] is 0 or 10 or 127 || b[0] >= 224
                || b[0] == 100 && b[1] is >= 64 and <= 127
                || b[0] == 169 && b[1] == 254
                || b[0] == 172 && b[1] is >= 16 and <= 31
                || b[0] == 192 && b[1] == 168
                || b[0] == 192 && b[1] == 0 && b[2] is 0 or 2
                || b[0] == 198 && b[1] is 18 or 19
                || b[0] == 198 && b[1] == 51 && b[2] == 100
                || b[0] == 203 && b[1] == 0 && b[2] == 113);
        }
        // IPv6: global unicast is 2000::/3, minus the documentation prefix 2001:db8::/32.
        return (b[0] & 0xE0) == 0x20 && !(b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8);
    }

    private static bool IsPhone(string candidate)
    {
        var digits = candidate.Count(char.IsDigit);
        // E.164 allows at most 15 digits; fewer than 9 is a year, an amount or a short code.
        return digits is >= 9 and <= 15 && (candidate.StartsWith('+') || candidate.StartsWith('(') || candidate.StartsWith('0'));
    }

    [GeneratedRegex(@"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![\w-])")]
    private static partial Regex Email();

    [GeneratedRegex(@"(?<![\w.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\w.]*\d)")]
    private static partial Regex Ipv4();

    [GeneratedRegex(@"(?<![\w:])(?:[0-9A-Fa-f]{1,4}:){1,7}(?::|(?::[0-9A-Fa-f]{1,4}){1,6}|[0-9A-Fa-f]{1,4})(?![\w:])")]
    private static partial Regex Ipv6();

    [GeneratedRegex(@"(?<![\w+])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,4}\)[\s.-]?)?\d{2,5}(?:[\s.-]\d{2,5}){1,4}(?![\w])")]
    private static partial Regex Phone();
}
