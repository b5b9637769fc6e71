import type { Certificate, CommodityCategory } from '../commodity/commodity';

export type ProducerStatus = 'pending_verification' | 'active' | 'suspended';

/** A Blitar producer (UMKM) registered through the BTC hub. Pure domain: ids and time are passed in. */
export interface Producer {
  id: string;
  /** Nomor Induk Berusaha: 13 digits. */
  nib: string;
  businessName: string;
  ownerName: string;
  phone: string;
  kecamatan: string;
  kelurahan: string;
  categories: CommodityCategory[];
  halalCertified: boolean;
  /** Nomor Kontrol Veteriner, for animal products. */
  nkvNumber: string | null;
  status: ProducerStatus;
  statusReason: string | null;
  registeredAt: Date;
}

export type RegisterProducerInput = Omit<Producer, 'status' | 'statusReason' | 'registeredAt'>;

export class ProducerRuleViolation extends Error {
  constructor(
    readonly rule: 'NIB_INVALID' | 'TRANSITION_NOT_ALLOWED' | 'REASON_REQUIRED',
    message: string,
  ) {
    super(message);
    this.name = 'ProducerRuleViolation';
  }
}

export const NIB_PATTERN = /^\d{13}$/;

/** A newly registered producer waits for a BTC operator to verify it. */
export function registerProducer(input: RegisterProducerInput, now: Date): Producer {
  if (!NIB_PATTERN.test(input.nib))
    throw new ProducerRuleViolation('NIB_INVALID', 'NIB must be exactly 13 digits');
  return { ...input, status: 'pending_verification', statusReason: null, registeredAt: now };
}

/** pending or suspended → active. Verifying an active producer is refused, so that events mean something. */
export function verifyProducer(producer: Producer, reason: string | null): Producer {
  if (producer.status === 'active') {
    throw new ProducerRuleViolation('TRANSITION_NOT_ALLOWED', 'the producer is already active');
  }
  return { ...producer, status: 'active', statusReason: reason };
}

/** active or pending → suspended, always with a reason. */
export function suspendProducer(producer: Producer, reason: string): Producer {
  if (!reason.trim())
    throw new ProducerRuleViolation('REASON_REQUIRED', 'a suspension needs a reason');
  if (producer.status === 'suspended') {
    throw new ProducerRuleViolation('TRANSITION_NOT_ALLOWED', 'the producer is already suspended');
  }
  return { ...producer, status: 'suspended', statusReason: reason };
}

/** The certificates a producer holds, to compare with a commodity's requirements. */
export function certificatesOf(producer: Producer): Certificate[] {
  return [
    ...(producer.halalCertified ? (['halal'] as const) : []),
    ...(producer.nkvNumber ? (['nkv'] as const) : []),
  ];
}

export function missingCertificates(
  producer: Producer,
  required: readonly Certificate[],
): Certificate[] {
  const held = certificatesOf(producer);
  return required.filter((certificate) => !held.includes(certificate));
}
