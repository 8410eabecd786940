using Microsoft.IdentityModel.Protocols;

namespace Spm.TeamsBot.Tests.Fixture;

/// <summary>OpenID metadata and key sets served from memory by URL, so the real ConfigurationManager runs offline.</summary>
internal sealed class InMemoryDocuments : IDocumentRetriever
{
    private readonly Dictionary<string, string> documents = new(StringComparer.Ordinal);

    public List<string> Requested { get; } = [];

    public void Serve(string url, string json) => documents[url] = json;

    public Task<string> GetDocumentAsync(string address, CancellationToken cancel)
    {
        lock (Requested)
        {
            Requested.Add(address);
        }

        return documents.TryGetValue(address, out var json)
            ? Task.FromResult(json)
            : throw new IOException($"No document is served at {address}.");
    }
}
