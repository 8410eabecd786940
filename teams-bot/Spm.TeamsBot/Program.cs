using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Spm.TeamsBot.Hosting;

var builder = WebApplication.CreateBuilder(args);
// One JSON object per line, scopes included, so every entry carries the activity and conversation it belongs to.
builder.Logging.ClearProviders();
builder.Logging.AddJsonConsole(options => options.IncludeScopes = true);
builder.Services.AddTeamsBot(builder.Configuration);

var app = builder.Build();
app.MapTeamsBot();
app.Run();

/// <summary>The bot's entry point; public so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
