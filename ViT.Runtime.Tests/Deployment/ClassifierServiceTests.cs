using Microsoft.AspNetCore.Builder;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ViT.Onnx;
using ViT.Samples.Web;
using Xunit.Abstractions;

namespace ViT.Runtime.Tests.Deployment;

/// <summary>
/// The ASP.NET Core sample as a user runs it: started on a loopback port with the exported model, it classifies real
/// MNIST test pictures posted to it exactly as <see cref="OnnxClassifier"/> does in-process, and refuses bad requests
/// with a problem description.
/// </summary>
public sealed class ClassifierServiceTests(DeployedDigits digits, ITestOutputHelper output) : IClassFixture<DeployedDigits>
{
    static async Task<(WebApplication App, HttpClient Http)> Start(string model)
    {
        var app = ClassifierService.Build(["--model", model, "--urls", "http://127.0.0.1:0"]);
        await app.StartAsync();
        return (app, new HttpClient { BaseAddress = new Uri(app.Urls.Single()) });
    }

    static ByteArrayContent Png(string path)
    {
        var content = new ByteArrayContent(File.ReadAllBytes(path));
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        return content;
    }

    static (int Index, string Name, float Probability)[] Read(JsonElement predictions) =>
        predictions.EnumerateArray().Select(p => (p.GetProperty("index").GetInt32(), p.GetProperty("name").GetString()!, p.GetProperty("probability").GetSingle())).ToArray();

    [Fact]
    public async Task Posted_test_pictures_get_the_top_5_that_OnnxClassifier_gives()
    {
        var (app, http) = await Start(digits.ModelPath);
        await using var _ = app;
        using var __ = http;
        using var classifier = new OnnxClassifier(digits.ModelPath);
        Assert.StartsWith("http://127.0.0.1:", http.BaseAddress!.ToString());

        int correct = 0;
        foreach (var (path, label) in digits.Pictures)
        {
            using var response = await http.PostAsync("/classify", Png(path));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var json = await response.Content.ReadFromJsonAsync<JsonElement>();
            var served = Read(json.GetProperty("predictions"));
            var local = classifier.ClassifyImage(path, top: 5).Select(s => (s.Index, s.Name, s.Probability)).ToArray();

            Assert.Equal("LeNet", json.GetProperty("model").GetString());
            Assert.Equal(local, served);
            if (served[0].Name == label.ToString()) correct++;
        }

        output.WriteLine($"{digits.Pictures.Count} MNIST test pictures served: {correct} classified right, all {digits.Pictures.Count} as OnnxClassifier classifies them");
        Assert.True(correct >= 0.9 * digits.Pictures.Count, $"{correct} of {digits.Pictures.Count} right");
    }

    [Fact]
    public async Task A_form_upload_and_a_top_parameter_work_and_bad_requests_are_problems_that_say_why()
    {
        var (app, http) = await Start(digits.ModelPath);
        await using var _ = app;
        using var __ = http;
        string picture = digits.Pictures[0].Path;

        using var form = new MultipartFormDataContent { { Png(picture), "picture", "digit.png" } };
        using var uploaded = await http.PostAsync("/classify?top=3", form);
        var scores = Read((await uploaded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("predictions"));
        using var classifier = new OnnxClassifier(digits.ModelPath);
        Assert.Equal(classifier.ClassifyImage(picture, top: 3).Select(s => (s.Index, s.Name, s.Probability)), scores);

        using var notPicture = await http.PostAsync("/classify", new StringContent("not a picture"));
        Assert.Equal(HttpStatusCode.BadRequest, notPicture.StatusCode);
        Assert.Equal("the image stream cannot be decoded as PNG, JPEG, BMP, WebP or GIF.",
            (await notPicture.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        using var empty = await http.PostAsync("/classify", new ByteArrayContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        using var zero = await http.PostAsync("/classify?top=0", Png(picture));
        Assert.Equal(HttpStatusCode.BadRequest, zero.StatusCode);

        var model = await http.GetFromJsonAsync<JsonElement>("/model");
        Assert.Equal(Enumerable.Range(0, 10).Select(i => i.ToString()), model.GetProperty("classes").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal([1L, 28, 28], model.GetProperty("inputShape").EnumerateArray().Select(d => d.GetInt64()));
    }

    [Fact]
    public void A_missing_model_is_one_error_line_and_exit_code_1()
    {
        var error = new StringWriter();
        var original = Console.Error;
        Console.SetError(error);
        try
        {
            Assert.Equal(1, ClassifierService.Run(["--model", Path.Combine(digits.Folder, "none.onnx")]));
            Assert.Equal(1, ClassifierService.Run([]));
        }
        finally
        {
            Console.SetError(original);
        }

        string[] lines = error.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal([$"error: No ONNX model at {Path.Combine(digits.Folder, "none.onnx")}.",
            "error: name the exported model: --model out/cnn/cnn.onnx (an .onnx file written by a ViT# model's ExportOnnx)."], lines);
    }
}
