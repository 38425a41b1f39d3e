using Corpus.Crawling.Scaling;

namespace Corpus.Tests.Crawling;

public sealed class HostPartitionTests
{
    // Expected owners computed independently (Python: int.from_bytes(sha256(host).digest()[:8], 'big') % n).
    [Theory]
    [InlineData("a.test", 3, 0)]
    [InlineData("c.test", 3, 1)]
    [InlineData("d.test", 3, 2)]
    [InlineData("a.test", 1000, 566)]
    [InlineData("wiki.test", 1000, 976)]
    [InlineData("EXAMPLE.com", 1000, 309)]
    [InlineData("example.com", 1000, 309)]
    public void A_host_s_owner_is_the_first_eight_bytes_of_its_sha256_modulo_the_task_count(string host, int tasks, int owner) =>
        Assert.Equal(owner, HostPartition.Owner(host, tasks));

    [Fact]
    public void Ports_and_case_do_not_change_a_url_s_owner_and_one_task_owns_everything()
    {
        Assert.Equal(HostPartition.Owner("news.test", 7), HostPartition.OwnerOfUrl("http://NEWS.test:8080/a.html", 7));
        Assert.Equal(0, HostPartition.Owner("anything.test", 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => HostPartition.Owner("a.test", 0));
    }

    [Fact]
    public void Hosts_spread_evenly_over_the_tasks()
    {
        var counts = new int[4];
        for (var i = 0; i < 4000; i++) counts[HostPartition.Owner($"site{i}.example", 4)]++;
        Assert.All(counts, c => Assert.InRange(c, 900, 1100));
    }
}
