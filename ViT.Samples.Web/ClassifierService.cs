using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using ViT.Onnx;

namespace ViT.Samples.Web;

/// <summary>
/// The web service: one <see cref="OnnxClassifier"/> for the model named by <c>--model</c> (or the <c>Model</c> setting),
/// shared by every request (ONNX Runtime sessions run concurrently), and three endpoints:
/// <c>POST /classify</c> (a picture as the body, or as the file of a form; <c>?top=N</c>, 5 by default) answers the
/// top classes with names and probabilities; <c>GET /model</c> describes the model; <c>GET /</c> says how to use it.
/// </summary>
public static class ClassifierService
{
    /// <summary>The largest picture accepted, in bytes: a request over it is refused with 413 before it is read.</summary>
    public const long MaxPictureBytes = 10_000_000;

    /// <summary>Builds the service from command-line arguments; the caller starts it.</summary>
    /// <exception cref="ArgumentException">No model was named.</exception>
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        string model = builder.Configuration["Model"]
            ?? throw new ArgumentException("name the exported model: --model out/cnn/cnn.onnx (an .onnx file written by a ViT# model's ExportOnnx).");
        builder.Services.AddSingleton(_ => new OnnxClassifier(model));
        builder.Services.AddProblemDetails();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = MaxPictureBytes);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);

        var app = builder.Build();
        app.Services.GetRequiredService<OnnxClassifier>(); // a missing or invalid model fails now, not at the first request
        app.MapGet("/", () => "POST a picture to /classify (?top=5) for the most likely classes as JSON; GET /model describes the model.");
        app.MapGet("/model", (OnnxClassifier classifier) => new ModelDescription(classifier.ModelName, classifier.InputShape, classifier.ClassNames));
        app.MapPost("/classify", Classify).DisableAntiforgery();
        return app;
    }

    /// <summary>Runs the service until it is stopped; a missing or invalid model is one line on standard error and exit code 1.</summary>
    public static int Run(string[] args)
    {
        WebApplication app;
        try
        {
            app = Build(args);
        }
        catch (Exception error) when (error is ArgumentException or IOException)
        {
            Console.Error.WriteLine($"error: {error.Message}");
            return 1;
        }
        app.Run();
        return 0;
    }

    static async Task<Results<Ok<Classification>, ProblemHttpResult>> Classify(HttpRequest request, OnnxClassifier classifier, int top = 5)
    {
        if (top < 1) return TypedResults.Problem($"top must be at least 1, not {top}.", statusCode: StatusCodes.Status400BadRequest);
        Stream? picture = request.HasFormContentType
            ? (await request.ReadFormAsync()).Files.FirstOrDefault()?.OpenReadStream()
            : request.Body;
        if (picture is null) return TypedResults.Problem("the form holds no file; send the picture as the request body or as a form file.", statusCode: StatusCodes.Status400BadRequest);

        // SkiaSharp reads synchronously; the picture is buffered first, as Kestrel does not allow synchronous reads.
        using var buffer = new MemoryStream();
        await picture.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        if (buffer.Length == 0) return TypedResults.Problem("the request holds no picture; send a PNG, JPEG, BMP, WebP or GIF as its body.", statusCode: StatusCodes.Status400BadRequest);
        buffer.Position = 0;
        try
        {
            return TypedResults.Ok(new Classification(classifier.ModelName, classifier.ClassifyImage(buffer, Math.Min(top, classifier.Classes))));
        }
        catch (InvalidDataException error)
        {
            return TypedResults.Problem(error.Message, statusCode: StatusCodes.Status400BadRequest);
        }
    }
}

/// <summary>The answer of <c>POST /classify</c>: the model's name and its top classes, most likely first.</summary>
/// <param name="Model">The model's class name from the file.</param>
/// <param name="Predictions">The classes with their index, name and probability.</param>
public sealed record Classification(string? Model, IReadOnlyList<ClassScore> Predictions);

/// <summary>The answer of <c>GET /model</c>.</summary>
/// <param name="Model">The model's class name from the file.</param>
/// <param name="InputShape">One input image's shape, <c>[C, H, W]</c>.</param>
/// <param name="Classes">The class names, in the order of the logits.</param>
public sealed record ModelDescription(string? Model, IReadOnlyList<long> InputShape, IReadOnlyList<string> Classes);
