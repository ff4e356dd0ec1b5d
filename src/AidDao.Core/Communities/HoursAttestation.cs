using System.Numerics;
using AidDao.Core.Transactions;

namespace AidDao.Core.Communities;

/// <summary>A steward's attestation of volunteer hours.</summary>
public sealed record HoursAttestation(BigInteger AttestationId, EthAddress Volunteer, EthAddress Steward, int Hours, TransactionOutcome Transaction);
