using Corpus.Cleaning.Pii;
using Corpus.Core.Documents;
using Corpus.Core.Recipes;

namespace Corpus.Tests.Cleaning;

public sealed class PiiMaskerTests
{
    private readonly PiiMasker _default = new(new PiiSettings());

    [Fact]
    public void Emails_and_public_addresses_are_masked_and_counted()
    {
        var (text, counts) = _default.Mask("Write to budi.santoso@kabar.co.id or ops@example.org; the server 8.8.4.4 and 2a00:1450:4001:81c::200e answered.");
        Assert.Equal("Write to email@example.com or email@example.com; the server 192.0.2.1 and 2001:db8::1 answered.", text);
        Assert.Equal(new PiiCounts(2, 2, 0), counts);
    }

    [Theory]
    [InlineData("The router sits at 192.168.1.1 and 10.0.0.7 inside the office.")]
    [InlineData("Loopback 127.0.0.1, link-local fe80::1 and ::1 are not anyone's.")]
    [InlineData("Version 1.2.3 shipped on 01.02.2024 at 12:30:45.")]
    [InlineData("The ratio was 3:2 and the score 2-1.")]
    [InlineData("Emails like user@localhost have no domain.")]
    public void Private_reserved_and_look_alike_values_stay(string text) => Assert.Equal((text, new PiiCounts(0, 0, 0)), _default.Mask(text));

    [Fact]
    public void Masking_twice_changes_nothing()
    {
        var once = _default.Mask("Mail a@b.com from 1.1.1.1").Text;
        Assert.Equal((once, new PiiCounts(0, 0, 0)), _default.Mask(once));
    }

    [Fact]
    public void Phones_are_masked_only_when_asked()
    {
        const string text = "Call +62 812 3456 7890 or (021) 555-0134 before 2024.";
        Assert.Equal(0, _default.Mask(text).Counts.Phones);
        var (masked, counts) = new PiiMasker(new PiiSettings { Phones = true }).Mask(text);
        Assert.Equal(2, counts.Phones);
        Assert.Equal("Call +00 000 000 000 or +00 000 000 000 before 2024.", masked);
    }

    [Fact]
    public void Emails_and_addresses_can_be_switched_off()
    {
        var masker = new PiiMasker(new PiiSettings { Emails = false, IpAddresses = false });
        Assert.Equal(new PiiCounts(0, 0, 0), masker.Mask("a@b.com 8.8.8.8").Counts);
    }

    [Fact]
    public void The_stage_records_counts_on_the_document()
    {
        var doc = new Document { Id = "1", Url = "u", SourceUrl = "u", Domain = "d", FetchedAt = DateTimeOffset.UnixEpoch, Text = "a@b.com, c@d.org, 8.8.8.8" };
        var done = new PiiStage(_default).Process(doc);
        Assert.Equal((2, 1, 0), (done.PiiEmails, done.PiiIpAddresses, done.PiiPhones));
    }
}
