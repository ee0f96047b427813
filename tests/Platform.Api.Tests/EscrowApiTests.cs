using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Api.Realtime;
using Platform.Api.Tests.Support;

namespace Platform.Api.Tests;

/// <summary>The escrow of a job through the API, on the real silo and its simulated payment provider.</summary>
[Collection(ApiCollection.Name)]
public sealed class EscrowApiTests(ApiCluster cluster)
{
    private readonly string _tenant = ApiCluster.NewTenant();

    [Fact]
    public async Task A_hired_job_is_paid_through_escrow_and_both_parties_are_told_live()
    {
        var jobPath = await cluster.HiredJobAsync(_tenant, "alice", "bruno");
        var jobId = jobPath.Split('/')[^1];
        await using var freelancerLive = await AlertsConnection.OpenAsync(cluster, _tenant, "bruno", "freelancer");
        await using var clientLive = await AlertsConnection.OpenAsync(cluster, _tenant, "alice", "client");
        using var client = Client();
        using var freelancer = Freelancer();

        var created = await client.PostIdempotentAsync($"{jobPath}/contract", new { amount = 20_000, currency = "EUR" });
        var contract = await created.ShouldBeJsonAsync(HttpStatusCode.Created);
        var funded = await (await client.PostIdempotentAsync($"{jobPath}/contract/funding", new { paymentMethodId = "pm_card_visa" })).ShouldBeJsonAsync(HttpStatusCode.OK);
        var submitted = await (await freelancer.PostAsJsonAsync($"{jobPath}/contract/work", new { deliverableId = "deliverable-1" })).ShouldBeJsonAsync(HttpStatusCode.OK);
        var approved = await (await client.PostAsync($"{jobPath}/contract/approval", null)).ShouldBeJsonAsync(HttpStatusCode.OK);
        var released = await (await client.PostIdempotentAsync($"{jobPath}/contract/release", new { })).ShouldBeJsonAsync(HttpStatusCode.OK);
        var seenByFreelancer = await (await freelancer.GetAsync($"{jobPath}/contract")).ShouldBeJsonAsync(HttpStatusCode.OK);

        created.Headers.Location!.ToString().ShouldBe($"{jobPath}/contract");
        contract.GetProperty("contractId").GetString().ShouldBe(jobId);
        contract.GetProperty("status").GetString().ShouldBe("Created");
        var terms = contract.GetProperty("terms");
        (terms.GetProperty("clientId").GetString(), terms.GetProperty("freelancerId").GetString()).ShouldBe(("alice", "bruno"));
        terms.GetProperty("freelancerAccountId").GetString().ShouldBe("acct_bruno");
        (terms.GetProperty("amount").GetInt64(), terms.GetProperty("platformFee").GetInt64(), terms.GetProperty("currency").GetString()).ShouldBe((20_000, 2_000, "eur"));
        funded.GetProperty("status").GetString().ShouldBe("Funded");
        funded.GetProperty("paymentIntentId").GetString().ShouldNotBeNullOrEmpty();
        submitted.GetProperty("status").GetString().ShouldBe("WorkSubmitted");
        approved.GetProperty("status").GetString().ShouldBe("Approved");
        released.GetProperty("status").GetString().ShouldBe("Released");
        released.GetProperty("transferId").GetString().ShouldNotBeNullOrEmpty();
        seenByFreelancer.GetRawText().ShouldBe(released.GetRawText());
        foreach (var live in new[] { freelancerLive, clientLive })
        {
            var told = await EscrowAlertsAsync(live, 2);
            told.Select(alert => alert.Kind).ShouldBe(["EscrowFunded", "EscrowReleased"]);
            told.ShouldAllBe(alert => alert.Payload["job"] == $"{_tenant}/{jobId}" && alert.Payload["currency"] == "EUR");
            (told[1].Payload["amount"], told[1].Payload["payout"], told[1].Payload["platformFee"]).ShouldBe(("20000", "18000", "2000"));
        }
    }

    [Fact]
    public async Task Funding_replayed_with_its_key_gets_the_first_answer_and_moves_no_more_money()
    {
        var jobPath = await ContractAsync();
        using var client = Client();

        var first = await client.PostIdempotentAsync($"{jobPath}/contract/funding", new { paymentMethodId = "pm_card_visa" }, key: "fund-1");
        var replay = await client.PostIdempotentAsync($"{jobPath}/contract/funding", new { paymentMethodId = "pm_card_visa" }, key: "fund-1");
        var otherBody = await client.PostIdempotentAsync($"{jobPath}/contract/funding", new { paymentMethodId = "pm_card_mastercard" }, key: "fund-1");
        var after = await (await client.GetAsync($"{jobPath}/contract")).ShouldBeJsonAsync(HttpStatusCode.OK);

        var funded = await first.ShouldBeJsonAsync(HttpStatusCode.OK);
        replay.StatusCode.ShouldBe(HttpStatusCode.OK);
        replay.Headers.GetValues("Idempotent-Replayed").ShouldBe(["true"]);
        (await replay.Content.ReadAsStringAsync()).ShouldBe(await first.Content.ReadAsStringAsync());
        (await otherBody.ShouldBeProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString()!.ShouldContain("'fund-1' was used for a different request");
        after.GetProperty("paymentIntentId").GetString().ShouldBe(funded.GetProperty("paymentIntentId").GetString());
        after.GetProperty("version").GetInt64().ShouldBe(funded.GetProperty("version").GetInt64(), "nothing was appended to the contract since");
    }

    [Fact]
    public async Task Only_the_jobs_client_funds_and_anyone_else_finds_no_contract()
    {
        var jobPath = await ContractAsync();
        using var freelancer = Freelancer();
        using var otherClient = cluster.Client(_tenant, "dora", "client");
        using var otherFreelancer = cluster.Client(_tenant, "carla", "freelancer");
        using var otherTenant = cluster.Client(ApiCluster.NewTenant(), "alice", "client");
        var funding = new { paymentMethodId = "pm_card_visa" };

        await (await freelancer.PostIdempotentAsync($"{jobPath}/contract/funding", funding)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await otherClient.PostIdempotentAsync($"{jobPath}/contract/funding", funding)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await otherTenant.PostIdempotentAsync($"{jobPath}/contract/funding", funding)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await otherTenant.GetAsync($"{jobPath}/contract")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await otherFreelancer.GetAsync($"{jobPath}/contract")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await otherFreelancer.PostAsJsonAsync($"{jobPath}/contract/dispute", new { reason = "NotDelivered" })).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        (await (await freelancer.GetAsync($"{jobPath}/contract")).ShouldBeJsonAsync(HttpStatusCode.OK)).GetProperty("status").GetString().ShouldBe("Created");
    }

    [Fact]
    public async Task Releasing_before_funding_is_a_409_naming_the_contracts_status_and_the_action()
    {
        var jobPath = await ContractAsync();
        using var client = Client();

        var problem = await (await client.PostIdempotentAsync($"{jobPath}/contract/release", new { })).ShouldBeProblemAsync(HttpStatusCode.Conflict);

        problem.GetProperty("detail").GetString().ShouldBe(
            $"Cannot Release escrow '{_tenant}/{jobPath.Split('/')[^1]}': it is Created; Release is allowed only from Approved or Disputed.");
        (await (await client.GetAsync($"{jobPath}/contract")).ShouldBeJsonAsync(HttpStatusCode.OK)).GetProperty("status").GetString().ShouldBe("Created");
    }

    [Fact]
    public async Task A_contract_needs_a_hired_freelancer()
    {
        var jobPath = await cluster.AppliedJobAsync(_tenant, "alice", "bruno");
        using var client = Client();

        var problem = await (await client.PostIdempotentAsync($"{jobPath}/contract", new { amount = 20_000, currency = "EUR" })).ShouldBeProblemAsync(HttpStatusCode.Conflict);

        problem.GetProperty("detail").GetString().ShouldBe(
            $"Job '{jobPath.Split('/')[^1]}' is Open; a contract needs a hired freelancer, so the job must be Filled, InProgress or Completed.");
        await (await client.GetAsync($"{jobPath}/contract")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_job_whose_contract_holds_money_is_not_cancelled_until_the_client_refunds_it()
    {
        var jobPath = await ContractAsync();
        var job = $"{_tenant}/{jobPath.Split('/')[^1]}";
        using var client = Client();
        using var freelancer = Freelancer();
        await (await client.PostIdempotentAsync($"{jobPath}/contract/funding", new { paymentMethodId = "pm_card_visa" })).ShouldBeJsonAsync(HttpStatusCode.OK);

        var byClient = await (await client.PostAsJsonAsync($"{jobPath}/cancellation", new { reason = "Plans changed." })).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        var byFreelancer = await (await freelancer.PostAsJsonAsync($"{jobPath}/shift-cancellation", new { reason = "I am ill." })).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        var stillFilled = await (await client.GetAsync(jobPath)).ShouldBeJsonAsync(HttpStatusCode.OK);
        var refunded = await (await client.PostIdempotentAsync($"{jobPath}/contract/refund", new { })).ShouldBeJsonAsync(HttpStatusCode.OK);
        var cancelled = await (await client.PostAsJsonAsync($"{jobPath}/cancellation", new { reason = "Plans changed." })).ShouldBeJsonAsync(HttpStatusCode.OK);

        byClient.GetProperty("detail").GetString().ShouldBe(
            $"Cannot cancel job '{job}': its escrow contract holds the client's money (it is Funded); refund it or release it first.");
        byFreelancer.GetProperty("detail").GetString().ShouldBe(
            $"Cannot cancel the shift of job '{job}': its escrow contract holds the client's money (it is Funded); the client refunds it, or either party opens a dispute first.");
        stillFilled.GetProperty("status").GetString().ShouldBe("Filled");
        refunded.GetProperty("status").GetString().ShouldBe("Refunded");
        cancelled.GetProperty("status").GetString().ShouldBe("Cancelled");
    }

    [Fact]
    public async Task The_contract_of_a_cancelled_job_is_not_funded()
    {
        var jobPath = await ContractAsync();
        using var client = Client();
        await (await client.PostAsJsonAsync($"{jobPath}/cancellation", new { reason = "Plans changed." })).ShouldBeJsonAsync(HttpStatusCode.OK);

        var problem = await (await client.PostIdempotentAsync($"{jobPath}/contract/funding", new { paymentMethodId = "pm_card_visa" })).ShouldBeProblemAsync(HttpStatusCode.Conflict);

        problem.GetProperty("detail").GetString().ShouldBe(
            $"Job '{jobPath.Split('/')[^1]}' is Cancelled; a contract is funded only while its freelancer is hired, so the job must be Filled, InProgress or Completed.");
        (await (await client.GetAsync($"{jobPath}/contract")).ShouldBeJsonAsync(HttpStatusCode.OK)).GetProperty("status").GetString().ShouldBe("Created");
    }

    [Fact]
    public async Task Malformed_terms_and_funding_get_one_message_per_field()
    {
        var jobPath = await cluster.HiredJobAsync(_tenant, "alice", "bruno");
        using var client = Client();

        var terms = await (await client.PostIdempotentAsync($"{jobPath}/contract", new { amount = 0, currency = "EURO" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var account = await (await client.PostIdempotentAsync($"{jobPath}/contract", new { amount = 100, currency = "EUR", freelancerAccountId = "bruno@bank" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var funding = await (await client.PostIdempotentAsync($"{jobPath}/contract/funding", new { })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        Errors(terms).ShouldBe(new Dictionary<string, string>
        {
            ["amount"] = "Amount must be between 1 and 99999999 minor units (cents for EUR).",
            ["currency"] = "Currency must be an ISO 4217 code such as EUR.",
        });
        Errors(account).ShouldBe(new Dictionary<string, string> { ["freelanceraccountid"] = "FreelancerAccountId must be a connected account id: 'acct_' then letters, digits or '_'." });
        Errors(funding).Keys.ShouldBe(["paymentmethodid"]);
        await (await client.GetAsync($"{jobPath}/contract")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_declined_card_is_a_402_with_the_providers_code_and_leaves_the_contract_unfunded()
    {
        var jobPath = await ContractAsync();
        using var client = Client();

        var declined = await (await client.PostIdempotentAsync($"{jobPath}/contract/funding", new { paymentMethodId = "pm_card_chargeDeclined" }))
            .ShouldBeProblemAsync(HttpStatusCode.PaymentRequired);
        var funded = await (await client.PostIdempotentAsync($"{jobPath}/contract/funding", new { paymentMethodId = "pm_card_visa" })).ShouldBeJsonAsync(HttpStatusCode.OK);

        declined.GetProperty("code").GetString().ShouldBe("card_declined");
        declined.GetProperty("detail").GetString().ShouldBe(
            "The payment provider refused the Authorize with 'card_declined'; nothing moved and the contract is unchanged. Fund it again with another payment method.");
        funded.GetProperty("status").GetString().ShouldBe("Funded");
    }

    [Fact]
    public async Task The_hired_freelancer_disputes_and_the_client_refunds_and_both_are_told()
    {
        var jobPath = await ContractAsync();
        using var client = Client();
        using var freelancer = Freelancer();
        (await client.PostIdempotentAsync($"{jobPath}/contract/funding", new { paymentMethodId = "pm_card_visa" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var disputed = await (await freelancer.PostAsJsonAsync($"{jobPath}/contract/dispute", new { reason = "QualityIssue" })).ShouldBeJsonAsync(HttpStatusCode.OK);
        var unknownReason = await (await client.PostAsJsonAsync($"{jobPath}/contract/dispute", new { reason = "Boredom" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var refunded = await (await client.PostIdempotentAsync($"{jobPath}/contract/refund", new { })).ShouldBeJsonAsync(HttpStatusCode.OK);

        (disputed.GetProperty("status").GetString(), disputed.GetProperty("disputeReason").GetString()).ShouldBe(("Disputed", "QualityIssue"));
        Errors(unknownReason).ShouldBe(new Dictionary<string, string> { ["reason"] = "Reason 'Boredom' is not a dispute reason; use one of NotDelivered, QualityIssue, NotAsDescribed, Other." });
        refunded.GetProperty("status").GetString().ShouldBe("Refunded");
        refunded.GetProperty("refundId").GetString().ShouldNotBeNullOrEmpty();
        foreach (var party in new[] { client, freelancer })
        {
            var kinds = await Eventually.ValueAsync(async () =>
            {
                var polled = await (await party.GetAsync("/api/notifications?since=0")).ShouldBeJsonAsync(HttpStatusCode.OK);
                var escrow = polled.GetProperty("alerts").EnumerateArray().Select(alert => alert.GetProperty("kind").GetString()!).Where(kind => kind.StartsWith("Escrow", StringComparison.Ordinal)).ToArray();
                return escrow.Length >= 2 ? escrow : null;
            });
            kinds.ShouldBe(["EscrowFunded", "EscrowRefunded"]);
        }
    }

    private HttpClient Client() => cluster.Client(_tenant, "alice", "client");

    private HttpClient Freelancer() => cluster.Client(_tenant, "bruno", "freelancer");

    /// <summary>A hired job of alice's with a contract of 200.00 EUR for bruno; the job's path.</summary>
    private async Task<string> ContractAsync()
    {
        var jobPath = await cluster.HiredJobAsync(_tenant, "alice", "bruno");
        using var client = Client();
        (await client.PostIdempotentAsync($"{jobPath}/contract", new { amount = 20_000, currency = "EUR" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        return jobPath;
    }

    /// <summary>A problem's field errors, field names lower case, the first message of each.</summary>
    private static Dictionary<string, string> Errors(JsonElement problem) =>
        problem.GetProperty("errors").EnumerateObject().ToDictionary(field => field.Name.ToLowerInvariant(), field => field.Value[0].GetString()!);

    /// <summary>The escrow alerts a connection received once there are <paramref name="count"/>, after a pause that would reveal more.</summary>
    private static async Task<IReadOnlyList<AlertMessage>> EscrowAlertsAsync(AlertsConnection connection, int count)
    {
        IReadOnlyList<AlertMessage> Escrow() => [.. connection.Received.Where(alert => alert.Kind.StartsWith("Escrow", StringComparison.Ordinal))];
        await Eventually.ValueAsync(() => Task.FromResult(Escrow().Count >= count ? "received" : null));
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        return Escrow();
    }
}
