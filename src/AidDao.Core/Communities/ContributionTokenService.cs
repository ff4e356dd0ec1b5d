using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using AidDao.Contracts.ContributionToken.ContractDefinition;
using AidDao.Core.Transactions;
using Nethereum.Contracts;
using Nethereum.Web3;
using TokenContract = AidDao.Contracts.ContributionToken.ContributionTokenService;

namespace AidDao.Core.Communities;

/// <summary>
/// A community's contribution token: stewards attest volunteer hours (one hour = one token), authorised contracts mint
/// for donations, and anyone reads balances and voting power, now or at a past block.
/// </summary>
public sealed class ContributionTokenService
{
    /// <summary>Token units per token (18 decimals): one attested hour mints this many units.</summary>
    public static readonly BigInteger UnitsPerToken = BigInteger.Pow(10, 18);

    private readonly TokenContract _contract;

    /// <summary>Binds to the token at <paramref name="address"/> acting as <paramref name="web3"/>'s account.</summary>
    public ContributionTokenService(IWeb3 web3, EthAddress address)
    {
        _contract = new TokenContract(web3, address.Value);
        Address = address;
    }

    /// <summary>The token contract.</summary>
    public EthAddress Address { get; }

    /// <summary>
    /// As a steward, attest <paramref name="hours"/> hours of volunteer work by member <paramref name="volunteer"/>.
    /// <paramref name="evidence"/> stays off-chain; only its SHA-256 hash is recorded.
    /// </summary>
    public async Task<HoursAttestation> AttestHoursAsync(EthAddress volunteer, int hours, string evidence, CancellationToken cancellationToken = default)
    {
        if (hours <= 0) throw new AidDaoInputException($"{hours} is not a number of hours: give a whole number above zero.");
        var evidenceHash = SHA256.HashData(Encoding.UTF8.GetBytes(evidence ?? ""));
        var receipt = await ChainCall.SendAsync(source => _contract.AttestHoursRequestAndWaitForReceiptAsync(volunteer.Value, hours, evidenceHash, source), cancellationToken).ConfigureAwait(false);
        var attested = receipt.DecodeAllEvents<HoursAttestedEventDTO>().Single().Event;
        return new HoursAttestation(attested.AttestationId, EthAddress.FromChain(attested.Volunteer), EthAddress.FromChain(attested.Steward), (int)attested.HoursWorked, receipt.Outcome());
    }

    /// <summary>As an authorised minter, mint <paramref name="amount"/> units to <paramref name="to"/> for <paramref name="reason"/>.</summary>
    public async Task<TransactionOutcome> MintAsync(EthAddress to, BigInteger amount, byte[] reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reason);
        if (reason.Length != 32) throw new AidDaoInputException("A mint reason is 32 bytes (for instance a hash).");
        var receipt = await ChainCall.SendAsync(source => _contract.MintRequestAndWaitForReceiptAsync(to.Value, amount, reason, source), cancellationToken).ConfigureAwait(false);
        return receipt.Outcome();
    }

    /// <summary>Token units held by <paramref name="account"/>.</summary>
    public Task<BigInteger> BalanceOfAsync(EthAddress account, CancellationToken cancellationToken = default) =>
        ChainCall.QueryAsync(() => _contract.BalanceOfQueryAsync(account.Value), cancellationToken);

    /// <summary>Current voting power of <paramref name="account"/> (equal to its balance: delegation is fixed).</summary>
    public Task<BigInteger> GetVotesAsync(EthAddress account, CancellationToken cancellationToken = default) =>
        ChainCall.QueryAsync(() => _contract.GetVotesQueryAsync(account.Value), cancellationToken);

    /// <summary>Voting power of <paramref name="account"/> at the end of past block <paramref name="blockNumber"/>.</summary>
    public Task<BigInteger> GetPastVotesAsync(EthAddress account, BigInteger blockNumber, CancellationToken cancellationToken = default) =>
        ChainCall.QueryAsync(() => _contract.GetPastVotesQueryAsync(account.Value, blockNumber), cancellationToken);

    /// <summary>Whether <paramref name="account"/> may mint.</summary>
    public Task<bool> IsMinterAsync(EthAddress account, CancellationToken cancellationToken = default) =>
        ChainCall.QueryAsync(() => _contract.IsMinterQueryAsync(account.Value), cancellationToken);

    /// <summary>Total token units minted.</summary>
    public Task<BigInteger> TotalSupplyAsync(CancellationToken cancellationToken = default) =>
        ChainCall.QueryAsync(() => _contract.TotalSupplyQueryAsync(), cancellationToken);
}
