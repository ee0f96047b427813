using System.Numerics;
using Platform.Grains.Freelancers;
using Platform.Grains.Matching;

namespace Platform.Bench;

/// <summary>
/// Synthetic freelancers and jobs for the <c>matching</c> scenario, the same for a given seed on every machine.
/// Embeddings are 1,536-dimensional unit vectors with the structure of real text embeddings: each freelancer (and each
/// job) is a point in a 48-dimensional latent space drawn around one of 64 trade centres, mapped into 1,536 dimensions by
/// a fixed random basis, plus noise. So neighbours are meaningful (a low intrinsic dimension, a continuum of
/// similarities within a trade) rather than the flat, equidistant clusters of "centre plus isotropic noise" that no
/// approximate index can rank. Filters follow the trade: each trade has its skills, rates and certifications; locations
/// cluster around 40 European cities; availability is a set of daily windows over four weeks.
/// </summary>
internal sealed class MatchingWorkload
{
    public const int Dimensions = 1536;
    public const string MainTenant = "bench-a";
    public const string OtherTenant = "bench-b";

    /// <summary>The selectivity classes of the jobs, loosest first.</summary>
    public static readonly string[] Selectivities = ["broad", "generic", "trade", "local"];

    /// <summary>The Monday the four weeks of availability start.</summary>
    public static readonly DateTimeOffset Horizon = new(2030, 3, 4, 0, 0, 0, TimeSpan.Zero);

    private const int LatentDimensions = 48;
    private const int Trades = 64;
    private const int SkillsPerTrade = 8;
    private const double WithinTradeSpread = 0.6;
    private const double NoiseShare = 0.3;
    private const int Days = 28;

    private static readonly string[] GenericSkills = ["english", "german", "french", "driving-licence", "first-aid-trained", "forklift", "team-lead", "night-shifts"];
    private static readonly double[] GenericPrevalence = [0.45, 0.35, 0.12, 0.4, 0.2, 0.05, 0.1, 0.25];

    private static readonly (string Name, double Latitude, double Longitude, double Weight)[] Cities =
    [
        ("Berlin", 52.52, 13.405, 3.6), ("Hamburg", 53.551, 9.994, 1.8), ("Munich", 48.137, 11.575, 1.5), ("Cologne", 50.938, 6.96, 1.1),
        ("Frankfurt", 50.11, 8.682, 0.8), ("Stuttgart", 48.776, 9.183, 0.6), ("Dusseldorf", 51.227, 6.773, 0.6), ("Leipzig", 51.34, 12.375, 0.6),
        ("Dresden", 51.05, 13.738, 0.55), ("Hanover", 52.376, 9.732, 0.53), ("Nuremberg", 49.452, 11.077, 0.52), ("Vienna", 48.208, 16.373, 1.9),
        ("Zurich", 47.377, 8.542, 0.4), ("Paris", 48.857, 2.352, 2.1), ("Lyon", 45.764, 4.836, 0.5), ("Marseille", 43.297, 5.37, 0.87),
        ("Amsterdam", 52.368, 4.904, 0.9), ("Rotterdam", 51.924, 4.478, 0.65), ("Brussels", 50.85, 4.352, 1.2), ("Copenhagen", 55.676, 12.568, 0.8),
        ("Stockholm", 59.329, 18.069, 1.0), ("Oslo", 59.914, 10.752, 0.7), ("Helsinki", 60.17, 24.938, 0.65), ("Warsaw", 52.23, 21.012, 1.8),
        ("Krakow", 50.065, 19.945, 0.78), ("Prague", 50.076, 14.438, 1.3), ("Budapest", 47.498, 19.04, 1.75), ("Madrid", 40.417, -3.704, 3.3),
        ("Barcelona", 41.385, 2.173, 1.6), ("Valencia", 39.47, -0.376, 0.8), ("Lisbon", 38.722, -9.139, 0.55), ("Rome", 41.903, 12.496, 2.8),
        ("Milan", 45.464, 9.19, 1.4), ("Naples", 40.852, 14.268, 0.95), ("Dublin", 53.35, -6.26, 0.55), ("London", 51.507, -0.128, 8.9),
        ("Manchester", 53.481, -2.243, 0.55), ("Birmingham", 52.486, -1.89, 1.1), ("Glasgow", 55.864, -4.252, 0.63), ("Edinburgh", 55.953, -3.188, 0.5),
    ];

    private readonly float[][] _basis;
    private readonly double[][] _tradeCentres;
    private readonly double[] _tradeRates;
    private readonly double[] _tradeWeights;
    private readonly int _seed;

    public MatchingWorkload(int seed)
    {
        _seed = seed;
        var random = new Random(seed);
        _basis = Enumerable.Range(0, LatentDimensions)
            .Select(_ => Enumerable.Range(0, Dimensions).Select(_ => (float)(Gaussian(random) / Math.Sqrt(Dimensions))).ToArray())
            .ToArray();
        _tradeCentres = Enumerable.Range(0, Trades).Select(_ => Enumerable.Range(0, LatentDimensions).Select(_ => Gaussian(random)).ToArray()).ToArray();
        _tradeRates = Enumerable.Range(0, Trades).Select(_ => 15 + (random.NextDouble() * 75)).ToArray();

        // Some trades are much more common than others (a Zipf-like tail).
        _tradeWeights = Cumulative(Enumerable.Range(0, Trades).Select(rank => 1.0 / (rank + 4)));
    }

    public static string Skill(int trade, int rank) => $"trade{trade:D2}-skill{rank}";

    public static string Certification(int trade) => $"trade{trade:D2}-cert";

    /// <summary>The freelancer numbered <paramref name="index"/> and its embedding.</summary>
    public (FreelancerMatchDocument Document, float[] Embedding) Freelancer(int index)
    {
        // Seeds derived arithmetically (HashCode.Combine is randomised per process): the same data on every run.
        var random = new Random(unchecked((_seed * 7919) + index));
        var trade = Pick(random, _tradeWeights);
        var skills = new List<string>();

        // Every member of a trade has its core skill 0, and skill k with probability 1.6 / (k + 1): a core and a tail.
        skills.Add(Skill(trade, 0));
        for (var rank = 1; rank < SkillsPerTrade; rank++)
        {
            if (random.NextDouble() < 1.6 / (rank + 1))
            {
                skills.Add(Skill(trade, rank));
            }
        }

        for (var i = 0; i < GenericSkills.Length; i++)
        {
            if (random.NextDouble() < GenericPrevalence[i])
            {
                skills.Add(GenericSkills[i]);
            }
        }

        var certifications = new List<string>();
        if (random.NextDouble() < 0.3)
        {
            certifications.Add(Certification(trade));
        }

        if (random.NextDouble() < 0.15)
        {
            certifications.Add("first-aid");
        }

        var (latitude, longitude) = Location(random);
        var document = new FreelancerMatchDocument(
            random.NextDouble() < 0.95 ? MainTenant : OtherTenant,
            $"freelancer-{index:D7}",
            $"{Skill(trade, 0)} around {latitude:F2}, {longitude:F2}",
            skills,
            certifications,
            Math.Round((decimal)(_tradeRates[trade] * Math.Exp(Gaussian(random) * 0.25)) * 2) / 2,
            Currency(random),
            latitude,
            longitude,
            Availability(random));
        return (document, Embed(random, trade));
    }

    /// <summary>A job of the given selectivity class: its embedding and its filters.</summary>
    public (MatchQuery Query, float[] Embedding) Job(string selectivity, int index)
    {
        var random = new Random(unchecked((_seed * 104729) + (Array.IndexOf(Selectivities, selectivity) * 1_000_003) + index + int.MaxValue / 2));
        var trade = Pick(random, _tradeWeights);
        var city = Cities[Pick(random, CityWeights.Value)];
        var day = Horizon.AddDays(random.Next(Days));
        var start = day.AddHours(7 + random.Next(6));
        var rate = (decimal)Math.Round(_tradeRates[trade]);
        var query = new MatchQuery(
            MainTenant,
            $"{Skill(trade, 0)} needed in {city.Name}",
            [],
            [],
            city.Latitude,
            city.Longitude,
            RadiusKm: 3000,
            WageMin: 0,
            WageMax: 1000,
            Currency: "EUR",
            ShiftStart: start,
            ShiftEnd: start.AddHours(4),
            Limit: 20);
        query = selectivity switch
        {
            // Everyone in reach who is free for the shift: most of the table.
            "broad" => query,

            // A common language and a region.
            "generic" => query with { RequiredSkills = ["english"], RadiusKm = 800 },

            // The trade's core skill, its usual rates, a country-sized radius.
            "trade" => query with { RequiredSkills = [Skill(trade, 0)], WageMin = rate * 0.6m, WageMax = rate * 1.5m, RadiusKm = 600 },

            // A specialist nearby for a full day, certified.
            "local" => query with
            {
                RequiredSkills = [Skill(trade, 0), Skill(trade, 1)],
                RequiredCertifications = [Certification(trade)],
                WageMin = rate * 0.5m,
                WageMax = rate * 2m,
                RadiusKm = 150,
                ShiftEnd = start.AddHours(8),
            },
            _ => throw new ArgumentOutOfRangeException(nameof(selectivity), selectivity, "unknown selectivity class"),
        };
        return (query, Embed(random, trade));
    }

    private float[] Embed(Random random, int trade)
    {
        var centre = _tradeCentres[trade];
        var vector = new float[Dimensions];
        for (var j = 0; j < LatentDimensions; j++)
        {
            var weight = (float)(centre[j] + (Gaussian(random) * WithinTradeSpread));
            AddScaled(vector, _basis[j], weight);
        }

        var signal = Norm(vector);
        var noise = (float)(NoiseShare * signal / Math.Sqrt(Dimensions));
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] += (float)Gaussian(random) * noise;
        }

        var scale = 1 / Norm(vector);
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] *= scale;
        }

        return vector;
    }

    private static (double Latitude, double Longitude) Location(Random random)
    {
        var city = Cities[Pick(random, CityWeights.Value)];

        // About 15 km around the centre, more in the suburbs than in the middle.
        var distanceKm = Math.Abs(Gaussian(random)) * 15;
        var bearing = random.NextDouble() * 2 * Math.PI;
        var latitude = city.Latitude + (distanceKm * Math.Cos(bearing) / 111.2);
        var longitude = city.Longitude + (distanceKm * Math.Sin(bearing) / (111.2 * Math.Cos(double.DegreesToRadians(city.Latitude))));
        return (latitude, longitude);
    }

    private static readonly Lazy<double[]> CityWeights = new(() => Cumulative(Cities.Select(city => city.Weight)));

    private static string Currency(Random random) => random.NextDouble() switch
    {
        < 0.8 => "EUR",
        < 0.95 => "GBP",
        _ => "USD",
    };

    /// <summary>Days on which the freelancer works, each with one window of 6 to 12 hours starting between 6:00 and 14:00.</summary>
    private static AvailabilityWindow[] Availability(Random random)
    {
        var share = 0.2 + (random.NextDouble() * 0.6);
        var windows = new List<AvailabilityWindow>();
        for (var day = 0; day < Days; day++)
        {
            if (random.NextDouble() < share)
            {
                var start = Horizon.AddDays(day).AddHours(6 + random.Next(9));
                windows.Add(new AvailabilityWindow(start, start.AddHours(6 + random.Next(7))));
            }
        }

        return [.. windows];
    }

    private static void AddScaled(float[] target, float[] source, float weight)
    {
        var width = Vector<float>.Count;
        var i = 0;
        for (; i <= target.Length - width; i += width)
        {
            (new Vector<float>(target, i) + (new Vector<float>(source, i) * weight)).CopyTo(target, i);
        }

        for (; i < target.Length; i++)
        {
            target[i] += source[i] * weight;
        }
    }

    private static float Norm(float[] vector)
    {
        var sum = 0d;
        foreach (var value in vector)
        {
            sum += value * (double)value;
        }

        return (float)Math.Sqrt(sum);
    }

    private static double[] Cumulative(IEnumerable<double> weights)
    {
        var list = weights.ToArray();
        var total = list.Sum();
        var running = 0d;
        return list.Select(weight => running += weight / total).ToArray();
    }

    private static int Pick(Random random, double[] cumulative)
    {
        var index = Array.BinarySearch(cumulative, random.NextDouble());
        return Math.Min(index < 0 ? ~index : index, cumulative.Length - 1);
    }

    private static double Gaussian(Random random)
    {
        // Box-Muller; 1 - NextDouble() is in (0, 1], so the logarithm is finite.
        var u = 1 - random.NextDouble();
        var v = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v);
    }
}
