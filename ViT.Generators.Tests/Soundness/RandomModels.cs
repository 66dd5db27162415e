namespace ViT.Generators.Tests.Soundness;

/// <summary>Seeded random models: tiny sizes (so every one can run), with invalid sizes, kinds and orders mixed in.</summary>
internal static class RandomModels
{
    static readonly double[] Ratios = { 4, 2, 1, 0.5, 1.5, 2.5, 0.3, 0.25 };

    public static List<RandomModel> Generate(int count, int seed)
    {
        var random = new Random(seed);
        var models = new List<RandomModel>(count);
        for (int i = 0; i < count; i++) models.Add(new RandomModel("R" + i, Layers(random)));
        return models;
    }

    static int Size(Random r, int min, int max) => r.NextDouble() < 0.05 ? r.Next(-2, 1) : r.Next(min, max + 1);

    static List<Layer> Layers(Random r)
    {
        var layers = new List<Layer>
        {
            new("Input", Size(r, 1, 3), Size(r, 2, 16), r.NextDouble() < 0.6 ? -100 : Size(r, 2, 16)),
            new("Patchify", Size(r, 1, 8), Size(r, 1, 24)),
        };
        if (layers[0].C == -100) layers[0] = layers[0] with { C = layers[0].B }; // square images most of the time

        // Most patches divide the image, so that enough models are valid; the rest are as drawn.
        var divisors = Enumerable.Range(1, 8).Where(p => layers[0].B > 0 && layers[0].C > 0 && layers[0].B % p == 0 && layers[0].C % p == 0).ToList();
        if (divisors.Count > 0 && r.NextDouble() < 0.75) layers[1] = layers[1] with { A = divisors[r.Next(divisors.Count)] };
        bool classToken = r.NextDouble() < 0.7;
        if (classToken) layers.Add(new("ClassToken"));
        if (r.NextDouble() < 0.8) layers.Add(new("PositionEmbedding", Dropout: r.NextDouble() < 0.05 ? 1.5 : 0));
        int dim = layers[1].B;
        var heads = Enumerable.Range(1, 6).Where(h => dim > 0 && dim % h == 0).ToList();
        int head = heads.Count > 0 && r.NextDouble() < 0.6 ? heads[r.Next(heads.Count)] : Size(r, 1, 6);
        if (r.NextDouble() < 0.9) layers.Add(new("Encoder", Size(r, 1, 2), head, C: r.Next(2), Flag: r.NextDouble() < 0.3, Ratio: r.NextDouble() < 0.6 ? 4 : Ratios[r.Next(Ratios.Length)]));
        if (r.NextDouble() < 0.9) layers.Add(new("ClassifierHead", Size(r, 1, 5), Flag: r.NextDouble() < (classToken ? 0.3 : 0.5)));

        // Orders: mostly canonical; sometimes a swap, a removal or a duplicate.
        double roll = r.NextDouble();
        if (roll < 0.08 && layers.Count > 1)
        {
            int k = r.Next(layers.Count - 1);
            (layers[k], layers[k + 1]) = (layers[k + 1], layers[k]);
        }
        else if (roll < 0.14)
        {
            layers.RemoveAt(r.Next(Math.Min(2, layers.Count)));
        }
        else if (roll < 0.18)
        {
            int k = r.Next(layers.Count);
            layers.Insert(k + 1, layers[k]);
        }

        return layers;
    }
}
