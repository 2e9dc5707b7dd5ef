import { NO_POST_RECORDED_ZH, resumeLineTextZh, resumeZh, type ResumeTenure } from './resume-zh';

type Post = ResumeTenure['posts'][number];
const township = (orgUnitId: string, orgUnitName: string) => ({ orgUnitId, orgUnitName, orgUnitKind: 'TOWNSHIP' as const });
const HUASHUI = township('T01', '华水乡');
const GAOTAI = township('T02', '高台镇');
const post = (unit: ReturnType<typeof township>, role: Post['role'], from: string, to: string | null): Post => ({ ...unit, role, from, to });
const tenure = (posts: Post[], away: Partial<Pick<ResumeTenure, 'secondments' | 'temporaryPostings'>> = {}): ResumeTenure => ({ asOf: '2025-12-31', posts, secondments: [], temporaryPostings: [], ...away });
const lines = (t: ResumeTenure) => resumeZh(t).map(resumeLineTextZh);

describe('简历: the posts as the appointment form writes them', () => {
  it('given a deputy head, then party secretary of another township from the next day, then one line a post, each ending the month the next begins (前后衔接), the current one open', () => {
    expect(lines(tenure([post(HUASHUI, 'DEPUTY_HEAD', '2012-07-01', '2016-03-01'), post(GAOTAI, 'PARTY_SECRETARY', '2016-03-01', null)]))).toEqual([
      '2012.07—2016.03  华水乡副乡长',
      '2016.03—         高台镇党委书记',
    ]);
  });

  it('the last line ended: the month of its last day held, for a post ending the last day of a month, the first of the month, and mid-month', () => {
    // Exclusive ends: held to 2016-03-31 (ends 04-01), to 2016-03-01 (its last day 02-29, a leap year), to 2016-03-16.
    expect(resumeZh(tenure([post(HUASHUI, 'HEAD', '2015-01-01', '2016-04-01')]))[0]).toMatchObject({ from: '2015.01', to: '2016.03' });
    expect(resumeZh(tenure([post(HUASHUI, 'HEAD', '2015-01-01', '2016-03-01')]))[0]).toMatchObject({ to: '2016.02' });
    expect(resumeZh(tenure([post(HUASHUI, 'HEAD', '2015-01-01', '2016-03-16')]))[0]).toMatchObject({ to: '2016.03' });
  });

  it('posts held at once on one line, a unit named once and its highest post first; a line each time the posts held change', () => {
    expect(
      lines(
        tenure([
          post(HUASHUI, 'PEOPLES_CONGRESS_CHAIR', '2018-01-01', '2021-01-01'),
          post(HUASHUI, 'PARTY_SECRETARY', '2017-06-01', null),
          post({ orgUnitId: 'D01', orgUnitName: '县财政局', orgUnitKind: 'COUNTY_DEPARTMENT' as never }, 'HEAD', '2020-01-01', '2020-07-01'),
        ]),
      ),
    ).toEqual(['2017.06—2018.01  华水乡党委书记', '2018.01—2020.01  华水乡党委书记、人大主席', '2020.01—2020.07  华水乡党委书记、人大主席，县财政局局长', '2020.07—2021.01  华水乡党委书记、人大主席', '2021.01—         华水乡党委书记']);
  });

  it('a time between posts with none recorded is a line of its own, not a gap; a holding of no length is no line; no post, no resume', () => {
    expect(lines(tenure([post(HUASHUI, 'HEAD', '2010-01-01', '2012-01-01'), post(GAOTAI, 'HEAD', '2012-01-01', '2012-01-01'), post(GAOTAI, 'HEAD', '2013-05-01', '2015-01-01')]))).toEqual([
      '2010.01—2012.01  华水乡乡长',
      `2012.01—2013.05  ${NO_POST_RECORDED_ZH}`,
      '2013.05—2014.12  高台镇镇长',
    ]);
    expect(resumeZh(tenure([]))).toEqual([]);
    // A time with no post within one month cannot be seen in months: no line; the posts still 前后衔接.
    expect(lines(tenure([post(GAOTAI, 'TEAM_MEMBER', '2018-03-05', '2018-03-20'), post(GAOTAI, 'STAFF', '2018-03-25', null)]))).toEqual(['2018.03—2018.03  高台镇领导班子成员', '2018.03—         高台镇干部']);
  });

  it('secondments and temporary postings in brackets on the line they began in; one begun before the first post a line of its own', () => {
    const t = tenure([post(HUASHUI, 'DEPUTY_HEAD', '2012-07-01', '2016-03-01'), post(GAOTAI, 'PARTY_SECRETARY', '2016-03-01', null)], {
      secondments: [{ host: 'D02', hostName: '县发展和改革局', detail: 'COUNTY_CENTRAL_WORK', from: '2017-03-01', to: '2018-03-01' }],
      temporaryPostings: [
        { host: '县重点项目指挥部', detail: 'KEY_PROJECT', from: '2016-03-01', to: '2016-03-01' },
        { host: '浙江省某市', detail: 'DEVELOPED_AREA', from: '2019-09-01', to: null },
        { host: '省发改委', detail: 'HIGHER_ORGAN', from: '2012-01-01', to: '2012-07-01' },
      ],
    });
    expect(lines(t)).toEqual([
      '2012.01—2012.06  在省发改委挂职锻炼',
      '2012.07—2016.03  华水乡副乡长',
      '2016.03—         高台镇党委书记（其间：2016.03—2016.03在县重点项目指挥部挂职锻炼；2017.03—2018.02借调县发展和改革局工作；2019.09—在浙江省某市挂职锻炼）',
    ]);
  });
});
