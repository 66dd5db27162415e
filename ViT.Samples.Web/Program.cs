using ViT.Samples.Web;

// dotnet run --project ViT.Samples.Web -- --model out/cnn/cnn.onnx [--urls http://127.0.0.1:5000]
// curl --data-binary @digit.png http://127.0.0.1:5000/classify
return ClassifierService.Run(args);
