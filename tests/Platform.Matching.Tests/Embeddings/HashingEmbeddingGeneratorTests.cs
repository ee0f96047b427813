using Microsoft.Extensions.AI;
using Platform.Matching.Embeddings;

namespace Platform.Matching.Tests.Embeddings;

public sealed class HashingEmbeddingGeneratorTests
{
    private readonly HashingEmbeddingGenerator _generator = new(1536);

    [Fact]
    public async Task The_same_text_gives_the_same_vector_in_every_generator_instance()
    {
        var first = await _generator.GenerateVectorAsync("Senior C# developer, PostgreSQL and Orleans");
        var second = await new HashingEmbeddingGenerator(1536).GenerateVectorAsync("Senior C# developer, PostgreSQL and Orleans");

        first.ToArray().ShouldBe(second.ToArray());
    }

    [Fact]
    public async Task The_mapping_is_fixed_across_processes_and_machines()
    {
        // Stored embeddings must stay comparable after a restart or an upgrade: this pins the hash, the tokenizer and
        // the signs. A change here is a change of model: every stored embedding would have to be recomputed.
        var vector = (await new HashingEmbeddingGenerator(16).GenerateVectorAsync("Senior C# developer in Berlin, remote")).ToArray();

        // Eleven features (six words, five pairs) land as signed counts per dimension, then the vector is scaled to unit
        // length; dividing by the smallest magnitude recovers the counts.
        var unit = vector.Where(value => value != 0).Min(Math.Abs);
        vector.Select(value => (int)Math.Round(value / unit)).ToArray().ShouldBe(ExpectedCounts);
    }

    [Fact]
    public async Task Vectors_have_unit_length_and_the_configured_dimension()
    {
        foreach (var text in new[] { "plumber", "Licensed electrician, 10 years, Berlin", string.Join(' ', Enumerable.Repeat("word", 500)) })
        {
            var vector = (await _generator.GenerateVectorAsync(text)).ToArray();

            vector.Length.ShouldBe(1536);
            Math.Sqrt(vector.Sum(value => (double)value * value)).ShouldBe(1, 1e-6);
        }
    }

    [Fact]
    public async Task Case_and_punctuation_do_not_change_the_vector_but_csharp_and_cpp_stay_distinct_from_c()
    {
        (await _generator.GenerateVectorAsync("C# Developer!")).ToArray()
            .ShouldBe((await _generator.GenerateVectorAsync("c# developer")).ToArray());

        HashingEmbeddingGenerator.Tokenize("C#, C++ and C; node.js").ShouldBe(["c#", "c++", "and", "c", "node", "js"]);
    }

    [Fact]
    public async Task Shared_words_make_texts_similar_and_unrelated_words_do_not()
    {
        var job = await _generator.GenerateVectorAsync("electrician for a solar panel installation");
        var electrician = await _generator.GenerateVectorAsync("certified electrician, solar panel installation and repairs");
        var cook = await _generator.GenerateVectorAsync("line cook for a busy restaurant kitchen");

        var related = Cosine(job, electrician);
        var unrelated = Cosine(job, cook);

        related.ShouldBeGreaterThan(0.4);
        unrelated.ShouldBeLessThan(related);
    }

    [Fact]
    public async Task Synonyms_are_not_understood()
    {
        // Documented limitation: feature hashing knows spellings, not meanings.
        var developer = await _generator.GenerateVectorAsync("developer");
        var engineer = await _generator.GenerateVectorAsync("engineer");

        Math.Abs(Cosine(developer, engineer)).ShouldBeLessThan(0.01);
    }

    [Fact]
    public async Task A_text_without_words_is_refused_with_its_position()
    {
        var error = await Should.ThrowAsync<ArgumentException>(() => _generator.GenerateAsync(["plumber", " -- !! "]));

        error.Message.ShouldStartWith("Text #2 has no word to embed: ' -- !! '.");
    }

    [Fact]
    public async Task A_batch_gives_one_embedding_per_text_in_order_and_honours_requested_dimensions()
    {
        var embeddings = await _generator.GenerateAsync(["plumber", "electrician"], new EmbeddingGenerationOptions { Dimensions = 64 });

        embeddings.Count.ShouldBe(2);
        embeddings[0].Vector.Length.ShouldBe(64);
        embeddings[1].Vector.ToArray().ShouldBe((await new HashingEmbeddingGenerator(64).GenerateVectorAsync("electrician")).ToArray());
        embeddings[0].ModelId.ShouldBe(HashingEmbeddingGenerator.ModelId);
    }

    [Fact]
    public void The_generator_describes_itself()
    {
        var metadata = _generator.GetService<EmbeddingGeneratorMetadata>();

        metadata.ShouldNotBeNull();
        metadata.DefaultModelDimensions.ShouldBe(1536);
        metadata.DefaultModelId.ShouldBe(HashingEmbeddingGenerator.ModelId);
    }

    private static readonly int[] ExpectedCounts = [0, 1, 1, 0, 0, -1, 0, 0, 1, 2, 0, 1, 1, 0, 0, 1];

    private static double Cosine(ReadOnlyMemory<float> left, ReadOnlyMemory<float> right)
    {
        var a = left.Span;
        var b = right.Span;
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * (double)b[i];
            na += a[i] * (double)a[i];
            nb += b[i] * (double)b[i];
        }

        return dot / Math.Sqrt(na * nb);
    }
}
