/** Word lists for plausible Chinese names of people, townships, counties and departments. */
import type { Rng } from './random';

const chars = (s: string): string[] => Array.from(new Set(Array.from(s)));

// Roughly by frequency: earlier surnames are drawn more often.
const SURNAMES = chars(
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
);
const MALE_GIVEN = chars('伟强军磊勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆旭宁龙林阳建国志文东海峰成亮新兵春松德福云山江永庆光荣胜利晓立军卫忠良');
const FEMALE_GIVEN = chars('芳娜敏静丽艳娟霞燕玲婷雪琳慧颖倩洁萍红梅兰凤晶丹蕾莉英秀桂珍月琴佳欣怡悦璐');

export function personName(rng: Rng, gender: 'M' | 'F'): string {
  const surname = SURNAMES[Math.floor(SURNAMES.length * rng.next() ** 1.6)]!;
  const pool = gender === 'M' ? MALE_GIVEN : FEMALE_GIVEN;
  const given = rng.chance(0.35) ? rng.pick(pool) : rng.pick(pool) + rng.pick(pool);
  return surname + given;
}

const PLACE_FIRST = chars('青柳石黄白龙凤金银桃梅松杨马牛鹿鹤云东西南北大小新古长平安太永兴福宝清双三五高花红绿沙铁铜玉丰和乐宁泰明阳望官仁义德富贵华');
const PLACE_SECOND = chars('山河溪湾坪岭桥林田湖口坝塘沟坡岗洲泉水峰庄店铺集场寨堡园江滩营屯池源台井');
const COUNTY_SECOND = chars('阳安平川城宁江源丰山德化');

/**
 * `count` distinct place names: two-syllable combinations in a seeded order, then
 * three-syllable ones if a province needs more than the two-syllable deck holds.
 */
export function placeNames(rng: Rng, count: number, second: readonly string[] = PLACE_SECOND): string[] {
  const deck: string[] = [];
  for (const a of PLACE_FIRST) for (const b of second) deck.push(a + b);
  rng.shuffle(deck);
  const out = deck.slice(0, count);
  for (let i = 0; out.length < count; i++) {
    out.push(PLACE_FIRST[i % PLACE_FIRST.length]! + deck[Math.floor(i / PLACE_FIRST.length) % deck.length]!);
  }
  return out;
}

export function countyNames(rng: Rng, count: number): string[] {
  return placeNames(rng, count, COUNTY_SECOND).map((n) => `${n}县`);
}

export const DEPARTMENT_NAMES = [
  '农业农村局',
  '民政局',
  '自然资源局',
  '住房和城乡建设局',
  '水利局',
  '交通运输局',
  '商务局',
  '文化和旅游局',
  '财政局',
  '人力资源和社会保障局',
  '生态环境局',
  '应急管理局',
] as const;

export const SANCTION_GROUNDS = [
  '违反中央八项规定精神，违规接受宴请',
  '履行全面从严治党主体责任不力',
  '安全生产监管不到位，工作失职',
  '违规发放津贴补贴',
  '乡村振兴项目资金监管不力',
  '信访问题处置不当，造成不良影响',
  '生态环境问题整改不力',
  '违反工作纪律，擅离职守',
] as const;

export const APPEAL_GROUNDS = ['认为原处分认定事实有误，申请复核', '认为原处分适用依据不当、处理过重，申请复核'] as const;

export const TRAINING = {
  COUNTY: ['县委党校乡镇党政正职能力提升培训班', '县委党校中青年干部培训班', '县乡村振兴专题培训班'],
  MUNICIPAL: ['市委党校乡镇党委书记培训班', '市委组织部基层治理专题研讨班'],
  PROVINCIAL: ['省委党校乡镇党委书记专题培训班'],
  NATIONAL: ['全国乡镇党委书记示范培训班'],
} as const;
export const INDUCTION_TRAINING = '新录用公务员初任培训';

export const TEMPORARY_HOSTS = {
  HIGHER_ORGAN: ['市发展和改革委员会', '市委组织部', '省农业农村厅'],
  DEVELOPED_AREA: ['浙江省杭州市余杭区', '江苏省苏州市昆山市', '广东省深圳市宝安区'],
  REMOTE_AREA: ['西藏自治区林芝市', '新疆维吾尔自治区和田地区'],
  KEY_PROJECT: ['县重点项目建设指挥部', '高速公路建设指挥部'],
} as const;
