import { type Commodity, offerMismatch } from './commodity';

const chili: Commodity = {
  code: 'CHILI_RED_CURLY',
  nameId: 'Cabai merah keriting',
  nameEn: 'Curly red chili',
  category: 'pertanian',
  unit: 'kg',
  temperatureClass: 'ambient',
  shelfLifeDays: 2,
  grades: ['super', '1', '2'],
  requiredCertificates: [],
};

describe('offerMismatch', () => {
  it('given a chili offer in kg of grade super, then it fits', () => {
    expect(offerMismatch(chili, 'kg', 'super')).toBeNull();
  });

  it('given a chili offer counted in ekor, then the unit does not match', () => {
    expect(offerMismatch(chili, 'ekor', 'super')).toEqual({
      rule: 'UNIT_MISMATCH',
      message: 'CHILI_RED_CURLY is traded in kg, not ekor',
    });
  });

  it('given a grade outside the scheme, then the grade is unknown', () => {
    expect(offerMismatch(chili, 'kg', 'premium')?.rule).toBe('GRADE_UNKNOWN');
  });
});
