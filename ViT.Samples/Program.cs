Console.WriteLine("ViT#");
