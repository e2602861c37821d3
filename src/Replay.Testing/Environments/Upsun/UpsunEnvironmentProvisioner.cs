using System.Diagnostics;
using System.Text.Json.Nodes;
using Replay.Testing.Traffic.Upsun;

namespace Replay.Testing.Environments.Upsun;

/// <summary>
/// Makes a matched clone of production on Upsun: branches a uniquely named environment from production with its data
/// (<c>clone_parent</c>) and its resources (<c>resources.init: parent</c>), sets the clone's next deployment to
/// production's current profile sizes, instance counts and disks, waits for every activity, runs the scrub hook, and
/// at teardown deactivates and deletes the clone.
/// </summary>
public sealed class UpsunEnvironmentProvisioner : IEnvironmentProvisioner
{
    private readonly UpsunEnvironmentOptions _options;
    private readonly HttpMessageHandler? _handler;

    /// <summary>Creates the provisioner.</summary>
    public UpsunEnvironmentProvisioner(UpsunEnvironmentOptions options) : this(options, null)
    {
    }

    internal UpsunEnvironmentProvisioner(UpsunEnvironmentOptions options, HttpMessageHandler? handler)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Api.ProjectId) || string.IsNullOrWhiteSpace(options.Api.EnvironmentId))
        {
            throw new ReplayConfigurationException("UpsunEnvironmentOptions.Api needs the ProjectId and production's EnvironmentId (the clone's parent).");
        }

        _options = options;
        _handler = handler;
    }

    /// <inheritdoc />
    public string Description => $"Upsun clone of project {_options.Api.ProjectId}, environment {_options.Api.EnvironmentId}";

    /// <inheritdoc />
    public async Task<TargetEnvironment> ProvisionAsync(ProvisioningContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        string token = _options.Api.ResolveToken() is { Length: > 0 } t ? t
            : throw new EnvironmentProvisioningException($"No Upsun API token: set {UpsunOptions.ApiTokenVariable} to provision a clone on Upsun.");
        var api = new UpsunApiClient(_options.Api, token, _handler);
        string name = (_options.NamePrefix + context.RunId).ToLowerInvariant();
        string project = $"projects/{Uri.EscapeDataString(_options.Api.ProjectId)}";
        string parent = $"{project}/environments/{Uri.EscapeDataString(_options.Api.EnvironmentId)}";
        string clone = $"{project}/environments/{Uri.EscapeDataString(name)}";
        bool created = false;
        try
        {
            context.Log($"  upsun:   branching {name} from {_options.Api.EnvironmentId} with its data and resources");
            var branched = await api.SendAsync(HttpMethod.Post, $"{parent}/branch", new
            {
                name,
                title = $"Replay.Testing {context.RunId}",
                clone_parent = true,
                type = "development",
                resources = new { init = "parent" },
            }, cancellationToken).ConfigureAwait(false);
            created = true;
            await WaitForActivitiesAsync(api, project, branched, "branch", cancellationToken).ConfigureAwait(false);

            var sizes = Sizes(await api.GetAsync($"{parent}/deployments/current", cancellationToken).ConfigureAwait(false));
            if (sizes.Count > 0)
            {
                var updated = await api.SendAsync(HttpMethod.Patch, $"{clone}/deployments/next", SizesBody(sizes), cancellationToken).ConfigureAwait(false);
                await WaitForActivitiesAsync(api, project, updated, "resources update", cancellationToken).ConfigureAwait(false);
            }

            var environment = JsonNode.Parse(await api.GetAsync(clone, cancellationToken).ConfigureAwait(false));
            string host = environment?["default_domain"]?.GetValue<string>() ?? environment?["edge_hostname"]?.GetValue<string>()
                ?? throw new EnvironmentProvisioningException($"The Upsun environment {name} has no default_domain or edge_hostname to send traffic to.");
            var baseAddress = new Uri($"https://{host}/");

            var parity = new List<ParityFact>
            {
                new("Data", $"environment {_options.Api.EnvironmentId}", $"environment {name}", ParityStatus.Enforced,
                    "Branched with clone_parent: the clone starts from production's data."),
                new("Resources", Describe(sizes), Describe(sizes), sizes.Count > 0 ? ParityStatus.Enforced : ParityStatus.Approximated,
                    sizes.Count > 0 ? "Production's current profile sizes, instance counts and disks set on the clone's deployment."
                        : "Production's deployment lists no sizes; the clone was branched with resources.init = parent."),
            };
            if (_options.ScrubHook is { } scrub)
            {
                await scrub.Run(baseAddress, cancellationToken).ConfigureAwait(false);
                parity.Add(new ParityFact("Scrub", "-", scrub.Description, ParityStatus.Enforced, "Ran on the clone before any traffic."));
                context.Log($"  scrub:   {scrub.Description}");
            }

            context.Log($"  upsun:   {name} is ready at {baseAddress}");
            return new TargetEnvironment(baseAddress, "upsun", $"Upsun environment {name} (clone of {_options.Api.EnvironmentId})",
                async () =>
                {
                    try
                    {
                        await DeleteAsync(api, project, clone, name, context.Log).ConfigureAwait(false);
                    }
                    finally
                    {
                        api.Dispose();
                    }
                })
            {
                Parity = parity,
                ResourceSampler = new UpsunResourceSampler(api, clone, _options.Api.Service),
            };
        }
        catch (Exception e)
        {
            if (created && _options.KeepOnFailure)
            {
                context.Log($"  upsun:   provisioning failed; {name} is kept for debugging (KeepOnFailure). Delete it when done: upsun environment:delete {name}");
            }
            else if (created)
            {
                try
                {
                    await DeleteAsync(api, project, clone, name, context.Log).ConfigureAwait(false);
                }
                catch (Exception deleteFailure)
                {
                    context.Log($"  upsun:   {name} could not be deleted after the failure ({deleteFailure.Message}); delete it by hand: upsun environment:delete {name}");
                }
            }

            api.Dispose();
            throw e is EnvironmentProvisioningException or OperationCanceledException ? e
                : new EnvironmentProvisioningException($"The Upsun clone {name} could not be provisioned: {e.Message}", e);
        }
    }

    // Deactivating destroys the clone's data and stops its containers; the delete removes the environment itself.
    private async Task DeleteAsync(UpsunApiClient api, string project, string clone, string name, Action<string> log)
    {
        using var timeout = new CancellationTokenSource(_options.ActivityTimeout);
        var deactivated = await api.SendAsync(HttpMethod.Post, $"{clone}/deactivate", null, timeout.Token).ConfigureAwait(false);
        await WaitForActivitiesAsync(api, project, deactivated, "deactivation", timeout.Token).ConfigureAwait(false);
        await api.SendAsync(HttpMethod.Delete, clone, null, timeout.Token).ConfigureAwait(false);
        log($"  upsun:   {name} deactivated and deleted");
    }

    private async Task WaitForActivitiesAsync(UpsunApiClient api, string project, string accepted, string what, CancellationToken cancellationToken)
    {
        var ids = (JsonNode.Parse(accepted)?["_embedded"]?["activities"]?.AsArray() ?? [])
            .Select(a => a?["id"]?.GetValue<string>()).OfType<string>().ToList();
        var clock = Stopwatch.StartNew();
        foreach (string id in ids)
        {
            while (true)
            {
                var activity = JsonNode.Parse(await api.GetAsync($"{project}/activities/{Uri.EscapeDataString(id)}", cancellationToken).ConfigureAwait(false));
                string state = activity?["state"]?.GetValue<string>() ?? "pending";
                if (state is "complete" or "cancelled" or "staged")
                {
                    string? result = activity?["result"]?.GetValue<string>();
                    if (state == "cancelled" || result == "failure")
                    {
                        string reason = activity?["failure_reason"]?.GetValue<string>() ?? state;
                        string log = activity?["log"]?.GetValue<string>() is { Length: > 0 } l ? $" Last log lines: {string.Join(" | ", l.Split('\n').TakeLast(3))}" : "";
                        throw new EnvironmentProvisioningException($"The Upsun {what} activity {id} failed ({reason}).{log}");
                    }

                    break;
                }

                if (clock.Elapsed > _options.ActivityTimeout)
                {
                    throw new EnvironmentProvisioningException(
                        $"The Upsun {what} activity {id} did not finish within {_options.ActivityTimeout} (still {state}). Raise ActivityTimeout or look at the activity in the console.");
                }

                await Task.Delay(_options.PollInterval, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static List<(string Group, string Name, JsonObject Size)> Sizes(string deployment)
    {
        var sizes = new List<(string, string, JsonObject)>();
        var root = JsonNode.Parse(deployment);
        foreach (string group in new[] { "webapps", "services", "workers" })
        {
            foreach (var (name, value) in root?[group]?.AsObject() ?? [])
            {
                var size = new JsonObject();
                if (value?["resources"]?["profile_size"]?.GetValue<string>() is { } profile)
                {
                    size["resources"] = new JsonObject { ["profile_size"] = profile };
                }

                if (value?["instance_count"] is JsonValue count)
                {
                    size["instance_count"] = count.GetValue<int>();
                }

                if (value?["disk"] is JsonValue disk)
                {
                    size["disk"] = disk.GetValue<int>();
                }

                if (size.Count > 0)
                {
                    sizes.Add((group, name, size));
                }
            }
        }

        return sizes;
    }

    private static JsonObject SizesBody(List<(string Group, string Name, JsonObject Size)> sizes)
    {
        var body = new JsonObject();
        foreach (var group in sizes.GroupBy(s => s.Group))
        {
            body[group.Key] = new JsonObject(group.Select(s => KeyValuePair.Create(s.Name, (JsonNode?)s.Size.DeepClone())));
        }

        return body;
    }

    private static string Describe(List<(string Group, string Name, JsonObject Size)> sizes) => sizes.Count == 0 ? "not listed"
        : string.Join(", ", sizes.Select(s => $"{s.Name} {s.Size["resources"]?["profile_size"]?.GetValue<string>() ?? "?"}" +
            (s.Size["instance_count"] is { } n ? $" x{n}" : "") + (s.Size["disk"] is { } d ? $" disk {d} MB" : "")));
}
