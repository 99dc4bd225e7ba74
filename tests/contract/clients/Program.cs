// A whole order through a client generated from the appliance's OpenAPI document, with no hand edits:
//   dotnet GeneratedClients.dll nswag|kiota <base url> <bearer token>
// Prints each step; exits 0 when every step answered as the contract says, 1 at the first one that did not.
using Contract.Clients;

if (args.Length != 3 || args[0] is not ("nswag" or "kiota"))
{
    Console.Error.WriteLine("usage: GeneratedClients nswag|kiota <base url> <bearer token>");
    return 2;
}
try
{
    var scenario = args[0] == "nswag" ? NswagOrder.RunAsync(args[1], args[2]) : KiotaOrder.RunAsync(args[1], args[2]);
    await scenario;
    Console.WriteLine($"{args[0]}: the whole order went through");
    return 0;
}
catch (Exception e)
{
    Console.Error.WriteLine($"{args[0]}: {e}");
    return 1;
}
