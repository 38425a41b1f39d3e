using System.Text.Json.Serialization;
using Corpus.Core.Documents;

namespace Corpus.Pipeline;

/// <summary>
/// <see cref="Document"/>'s JSON metadata for <see cref="DocumentParts"/>, generated at compile time (README, Start-up).
/// The options (names, enums as strings, nulls left out) stay <see cref="DocumentParts"/>'s own.
/// </summary>
[JsonSerializable(typeof(Document))]
internal sealed partial class DocumentJson : JsonSerializerContext;
