/** The Blitar producers (UMKM) of the scenario. Names are invented; kecamatan are real. */
export interface ProducerProfile {
  key: string;
  businessName: string;
  ownerName: string;
  kecamatan: string;
  kelurahan: string;
  categories: string[];
  commodities: string[];
  halalCertified: boolean;
  /** Animal products carry a veterinary control number (beef and broiler carcass need one). */
  hasNkv: boolean;
}

const producer = (
  key: string,
  businessName: string,
  ownerName: string,
  [kecamatan, kelurahan]: [string, string],
  categories: string[],
  commodities: string[],
  certificates: { halal?: boolean; nkv?: boolean } = {},
): ProducerProfile => ({
  key,
  businessName,
  ownerName,
  kecamatan,
  kelurahan,
  categories,
  commodities,
  halalCertified: certificates.halal ?? false,
  hasNkv: certificates.nkv ?? false,
});

const ANIMAL = { halal: true, nkv: true };

export const PRODUCER_ROSTER: readonly ProducerProfile[] = [
  producer(
    'egg-srengat',
    'UD Telur Makmur Srengat',
    'Siti Aminah',
    ['Srengat', 'Dermojayan'],
    ['peternakan'],
    ['EGG'],
    ANIMAL,
  ),
  producer(
    'egg-ponggok',
    'Peternakan Sumber Rejeki Ponggok',
    'Bambang Susilo',
    ['Ponggok', 'Bacem'],
    ['peternakan'],
    ['EGG'],
    ANIMAL,
  ),
  producer(
    'egg-kanigoro',
    'CV Kawi Layer Farm',
    'Agus Salim',
    ['Kanigoro', 'Satreyan'],
    ['peternakan'],
    ['EGG'],
    ANIMAL,
  ),
  producer(
    'poultry-wonodadi',
    'Koperasi Peternak Unggas Wonodadi',
    'Sri Wahyuni',
    ['Wonodadi', 'Kolomayan'],
    ['peternakan'],
    ['EGG', 'BROILER_CARCASS'],
    ANIMAL,
  ),
  producer(
    'broiler-kademangan',
    'RPA Barokah Kademangan',
    'Heru Prasetyo',
    ['Kademangan', 'Plosorejo'],
    ['peternakan'],
    ['BROILER_CARCASS'],
    ANIMAL,
  ),
  producer(
    'beef-wlingi',
    'RPH Lembu Suro Wlingi',
    'Suparman',
    ['Wlingi', 'Beru'],
    ['peternakan'],
    ['BEEF'],
    ANIMAL,
  ),
  producer(
    'chili-nglegok',
    'Kelompok Tani Cabai Nglegok',
    'Sutrisno',
    ['Nglegok', 'Penataran'],
    ['pertanian'],
    ['CHILI_RED_CURLY', 'CHILI_CAYENNE_RED', 'TOMATO'],
  ),
  producer(
    'agro-garum',
    'Koperasi Merah Putih Garum',
    'Endang Lestari',
    ['Garum', 'Sumberdiren'],
    ['pertanian'],
    ['CHILI_RED_CURLY', 'CHILI_CAYENNE_RED', 'TOMATO'],
  ),
  producer(
    'tomato-gandusari',
    'Gapoktan Sumber Makmur Gandusari',
    'Slamet Riyadi',
    ['Gandusari', 'Sumberagung'],
    ['pertanian'],
    ['TOMATO', 'CHILI_RED_CURLY'],
  ),
  producer(
    'catfish-sanankulon',
    'Pokdakan Mina Jaya Sanankulon',
    'Yuli Astuti',
    ['Sanankulon', 'Jeding'],
    ['perikanan'],
    ['CATFISH'],
    { halal: true },
  ),
  producer(
    'catfish-kesamben',
    'UD Lele Lestari Kesamben',
    'Wahyu Hidayat',
    ['Kesamben', 'Pagerwojo'],
    ['perikanan'],
    ['CATFISH'],
    { halal: true },
  ),
  producer(
    'sugar-bakung',
    'UD Gula Kelapa Manis Bakung',
    'Sumarni',
    ['Bakung', 'Sumberdadi'],
    ['olahan'],
    ['COCONUT_SUGAR'],
    { halal: true },
  ),
  producer(
    'djembe-tanggung',
    'Sanggar Djembe Tanggung',
    'Rudi Hartono',
    ['Kepanjenkidul', 'Tanggung'],
    ['kerajinan'],
    ['DJEMBE'],
  ),
];

/** Producers of a commodity, in roster order. */
export function producersOf(commodityCode: string): ProducerProfile[] {
  const found = PRODUCER_ROSTER.filter((p) => p.commodities.includes(commodityCode));
  if (found.length === 0) throw new Error(`no scenario producer for ${commodityCode}`);
  return found;
}
