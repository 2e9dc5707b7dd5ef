/**
 * Chinese names of the ten measures' reports and of the rule ids their lines and findings carry
 * (the web app's headings and check names; one table, never copied into a page).
 */
export const REPORT_TITLES_ZH = {
  'team-composition': '乡镇领导班子结构',
  'promotion-pool': '选拔任用导向',
  training: '教育培训',
  'department-ratings': '乡镇党政正职测评县级部门',
  recommendations: '乡镇党委书记实名推荐副科级领导干部人选',
  'secretary-seats': '乡镇党委书记担任县级“两代表一委员”',
  'focus-ledger': '重点关注培育台账',
  'reminder-talks': '考核靠后乡镇党政正职提醒谈话',
  talks: '谈心谈话',
  'health-checks': '乡镇干部体检',
} as const satisfies Record<string, string>;

export const MEASURE_RULE_NAMES_ZH: Record<string, string> = {
  'TM1.experienced-share': '具有乡镇工作经历的班子成员占比',
  'TM1.chief-experience': '党政正职的乡镇领导和工作经历',
  'TM1.member-under-30': '班子中有30岁以下成员',
  'TM1.chiefs-under-35': '全县35岁以下党政正职占比',
  'TM1.members-under-35': '全县35岁以下班子成员占比（参考）',
  'TM2.preferred-pool': '党政正职来自乡镇人大主席、副职',
  'TM2.priority-graduate': '高学历、实绩突出者优先提拔',
  'TM3.chief-yearly': '党政正职每年参加县级以上培训',
  'TM3.leader-cycle': '领导干部三年内参加培训',
  'TM5.municipal-election': '推选市级“两代表一委员”',
  'TM5.recommendation': '乡镇党委书记实名推荐',
  'TM5.secretary-seat': '乡镇党委书记担任县级“两代表一委员”',
  'TM7.focus-ledger': '连续三年优秀列入重点关注培育台账',
  'TM7.reminder-talk': '考核后三名乡镇党政正职提醒谈话',
  'TM8.county-leader-chief': '县委县政府主要领导与乡镇党政正职谈心',
  'TM8.chief-member': '乡镇党政正职与班子成员谈心',
  'TM8.health-check': '乡镇干部年度体检',
};
