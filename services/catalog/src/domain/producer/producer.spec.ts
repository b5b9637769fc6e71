import {
  missingCertificates,
  ProducerRuleViolation,
  registerProducer,
  suspendProducer,
  verifyProducer,
  type RegisterProducerInput,
} from './producer';

const now = new Date('2026-11-28T00:00:00Z');
const farm: RegisterProducerInput = {
  id: '0193a000-0000-7000-8000-0000000000aa',
  nib: '1234567890123',
  businessName: 'UD Telur Makmur',
  ownerName: 'Siti Aminah',
  phone: '+6281234567890',
  kecamatan: 'Srengat',
  kelurahan: 'Dermojayan',
  categories: ['peternakan'],
  halalCertified: true,
  nkvNumber: null,
};

describe('producer lifecycle', () => {
  it('given a registration, then the producer waits for verification', () => {
    expect(registerProducer(farm, now)).toMatchObject({
      status: 'pending_verification',
      statusReason: null,
      registeredAt: now,
    });
  });

  it.each(['123456789012', '12345678901234', '12345678901a3'])('refuses NIB %s', (nib) => {
    expect(() => registerProducer({ ...farm, nib }, now)).toThrow(ProducerRuleViolation);
  });

  it('given a pending producer, when verified, suspended with a reason and verified again, then it is active', () => {
    const active = verifyProducer(registerProducer(farm, now), null);
    const suspended = suspendProducer(active, 'eggs failed inspection');
    expect(suspended).toMatchObject({
      status: 'suspended',
      statusReason: 'eggs failed inspection',
    });
    expect(verifyProducer(suspended, 'passed re-inspection').status).toBe('active');
  });

  it('refuses a suspension without a reason and transitions to the same state', () => {
    const active = verifyProducer(registerProducer(farm, now), null);
    expect(() => suspendProducer(active, '  ')).toThrow(
      expect.objectContaining({ rule: 'REASON_REQUIRED' }),
    );
    expect(() => verifyProducer(active, null)).toThrow(
      expect.objectContaining({ rule: 'TRANSITION_NOT_ALLOWED' }),
    );
  });

  it('given a halal producer without NKV, then beef (halal + NKV) misses the NKV', () => {
    expect(missingCertificates(registerProducer(farm, now), ['halal', 'nkv'])).toEqual(['nkv']);
  });
});
