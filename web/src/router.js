import { createRouter, createWebHistory } from 'vue-router'
import { useSession } from './stores/session.js'
import PortalHome from './views/PortalHome.vue'
import RegionPage from './views/RegionPage.vue'

// The portal pages are in the entry chunk (they are the first load for most visitors); the rest load
// on demand so citizens never download the staff shells.
const routes = [
  { path: '/', component: PortalHome, meta: { shell: 'portal', title: '首页' } },
  { path: '/regions/:id(\\d+)', component: RegionPage, meta: { shell: 'portal', title: '区划' } },
  // Public, but lazy: its chart library must not weigh on the portal's first load.
  { path: '/ledger', component: () => import('./views/LedgerPage.vue'), meta: { shell: 'portal', title: '公开账本' } },
  { path: '/services', component: () => import('./views/ServiceCatalogue.vue'), meta: { shell: 'portal', title: '政务服务事项' } },
  {
    path: '/services/:id(\\d+)',
    component: () => import('./views/ServiceGuide.vue'),
    meta: { shell: 'portal', title: '办事指南' },
  },
  // Printable documents: `bare` renders them without the portal's header and footer, which must not reach paper.
  {
    path: '/services/:id(\\d+)/print',
    component: () => import('./views/ServiceGuidePrint.vue'),
    meta: { bare: true, title: '办事指南（打印版）' },
  },
  {
    path: '/service-points/:id(\\d+)/sheet',
    component: () => import('./views/WindowSheets.vue'),
    meta: { bare: true, title: '窗口公示牌（一证两图三卡四告知）' },
  },
  { path: '/disclosure', component: () => import('./views/DisclosureHome.vue'), meta: { shell: 'portal', title: '政务公开' } },
  {
    path: '/disclosure/publications/:id(\\d+)',
    component: () => import('./views/PublicationPage.vue'),
    meta: { shell: 'portal', title: '政务公开' },
  },
  // 依申请公开: the guide and the online form, and the applicant's tracking page (number and access code).
  {
    path: '/disclosure/requests',
    component: () => import('./views/InfoRequestPage.vue'),
    meta: { shell: 'portal', title: '依申请公开' },
  },
  {
    path: '/disclosure/requests/track',
    component: () => import('./views/InfoRequestTrack.vue'),
    meta: { shell: 'portal', title: '依申请公开申请进度查询' },
  },
  // 公开年报: an organ's yearly disclosure report, from the platform's records and what the organ entered.
  {
    path: '/disclosure/annual-reports',
    component: () => import('./views/AnnualReportPage.vue'),
    meta: { shell: 'portal', title: '政府信息公开工作年度报告' },
  },
  // 公开指南: an organ's guide to its disclosure (《条例》第十二条), made from its catalogue and places; printable.
  {
    path: '/disclosure/guide',
    component: () => import('./views/DisclosureGuidePage.vue'),
    meta: { shell: 'portal', title: '政府信息公开指南' },
  },
  // 村务公开: each village's duties and what it posted (《村民委员会组织法》第三十条), a village, one item.
  {
    path: '/disclosure/villages',
    component: () => import('./views/VillageAffairsOverview.vue'),
    meta: { shell: 'portal', title: '村务公开' },
  },
  {
    path: '/disclosure/villages/:id(\\d+)',
    component: () => import('./views/VillageAffairsVillage.vue'),
    meta: { shell: 'portal', title: '村务公开' },
  },
  {
    path: '/disclosure/village-affairs/:id(\\d+)',
    component: () => import('./views/VillageAffairPage.vue'),
    meta: { shell: 'portal', title: '村务公开' },
  },
  // A notice as a sheet for the village bulletin board, with a QR code back to its page (the QR library loads here only).
  {
    path: '/disclosure/publications/:id(\\d+)/print',
    component: () => import('./views/NoticePrint.vue'),
    meta: { bare: true, title: '公示（打印张贴版）' },
  },
  // 12345 热线: the citizen's form and tracking (with the evaluation), no sign-in needed.
  { path: '/hotline', component: () => import('./views/HotlinePage.vue'), meta: { shell: 'portal', title: '12345 热线' } },
  // The month's figures (charts load lazily with it) and one answer of the knowledge base, for anyone.
  {
    path: '/hotline/figures',
    component: () => import('./views/HotlineFiguresPage.vue'),
    meta: { shell: 'portal', title: '12345 热线月度数据' },
  },
  {
    path: '/hotline/knowledge/:id(\\d+)',
    component: () => import('./views/KnowledgeEntryPage.vue'),
    meta: { shell: 'portal', title: '热线知识库' },
  },
  { path: '/search', component: () => import('./views/SearchPage.vue'), meta: { shell: 'portal', title: '全站检索' } },
  { path: '/track', component: () => import('./views/TrackPage.vue'), meta: { shell: 'portal', title: '办件进度查询' } },
  { path: '/login', component: () => import('./views/LoginPage.vue'), meta: { shell: 'portal', title: '登录' } },
  {
    path: '/workbench',
    component: () => import('./views/WorkbenchHome.vue'),
    meta: { shell: 'workbench', title: '工作台', requires: 'workbench' },
  },
  {
    path: '/workbench/cases',
    component: () => import('./views/CaseDesk.vue'),
    meta: { shell: 'workbench', title: '办件', requires: 'workbench' },
  },
  {
    path: '/workbench/catalogue',
    component: () => import('./views/CatalogueDesk.vue'),
    meta: { shell: 'workbench', title: '事项目录', requires: 'workbench' },
  },
  {
    path: '/workbench/disclosure',
    component: () => import('./views/PublicationDesk.vue'),
    meta: { shell: 'workbench', title: '公开信息', requires: 'workbench' },
  },
  {
    path: '/workbench/requests',
    component: () => import('./views/InfoRequestDesk.vue'),
    meta: { shell: 'workbench', title: '依申请公开', requires: 'workbench' },
  },
  {
    path: '/workbench/annual-reports',
    component: () => import('./views/AnnualReportDesk.vue'),
    meta: { shell: 'workbench', title: '年度报告填报', requires: 'workbench' },
  },
  {
    path: '/workbench/village-affairs',
    component: () => import('./views/VillageAffairsDesk.vue'),
    meta: { shell: 'workbench', title: '村务公开', requires: 'workbench' },
  },
  // 12345 热线: the linkage center's console, and the inbox of the departments and towns it dispatches to.
  {
    path: '/workbench/hotline',
    component: () => import('./views/HotlineDesk.vue'),
    meta: { shell: 'workbench', title: '12345 热线受理', requires: 'workbench' },
  },
  {
    path: '/workbench/hotline/inbox',
    component: () => import('./views/HotlineInbox.vue'),
    meta: { shell: 'workbench', title: '12345 工单办理', requires: 'workbench' },
  },
  {
    path: '/workbench/hotline/figures',
    component: () => import('./views/HotlineFiguresDesk.vue'),
    meta: { shell: 'workbench', title: '12345 热线统计', requires: 'workbench' },
  },
  {
    path: '/workbench/hotline/categories',
    component: () => import('./views/TicketCategoriesDesk.vue'),
    meta: { shell: 'workbench', title: '12345 诉求类别', requires: 'workbench' },
  },
  {
    path: '/workbench/knowledge',
    component: () => import('./views/KnowledgeDesk.vue'),
    meta: { shell: 'workbench', title: '热线知识库', requires: 'workbench' },
  },
  // Open311 API keys: the county's admins only (the server says 403 to the rest; the page says so).
  {
    path: '/workbench/open311-keys',
    component: () => import('./views/Open311KeysDesk.vue'),
    meta: { shell: 'workbench', title: 'Open311 API 密钥', requires: 'workbench' },
  },
  {
    path: '/supervision',
    component: () => import('./views/SupervisionHome.vue'),
    meta: { shell: 'supervision', title: '监督', requires: 'supervision' },
  },
  // The same desk for supervisors, to read.
  {
    path: '/supervision/requests',
    component: () => import('./views/InfoRequestDesk.vue'),
    meta: { shell: 'supervision', title: '依申请公开', requires: 'supervision' },
  },
  // Late and escalated tickets, for supervisors to read and escalate.
  {
    path: '/supervision/hotline',
    component: () => import('./views/HotlineSupervision.vue'),
    meta: { shell: 'supervision', title: '12345 热线督办', requires: 'supervision' },
  },
  {
    path: '/supervision/hotline/figures',
    component: () => import('./views/HotlineFiguresDesk.vue'),
    meta: { shell: 'supervision', title: '12345 热线统计', requires: 'supervision' },
  },
  {
    path: '/my/cases',
    component: () => import('./views/MyCases.vue'),
    meta: { shell: 'citizen', title: '我的办件', requires: 'citizen' },
  },
  {
    path: '/my/cases/new',
    component: () => import('./views/MyCaseApply.vue'),
    meta: { shell: 'citizen', title: '网上申请', requires: 'citizen' },
  },
  {
    path: '/my/cases/:id(\\d+)',
    component: () => import('./views/MyCase.vue'),
    meta: { shell: 'citizen', title: '办件详情', requires: 'citizen' },
  },
  { path: '/kiosk', component: () => import('./views/KioskPage.vue'), meta: { kiosk: true, title: '便民查询' } },
  { path: '/:rest(.*)*', component: () => import('./views/NotFound.vue'), meta: { shell: 'portal', title: '页面不存在' } },
]

const router = createRouter({
  history: createWebHistory(),
  routes,
  // A link to a part of a page (/hotline#faq) lands on that part.
  scrollBehavior: (to) => (to.hash ? { el: to.hash } : { top: 0 }),
})

router.beforeEach(async (to) => {
  const session = useSession()
  // Public pages render at once and the header fills in when /auth/me answers; only the staff
  // shells wait for it, since they need to know the roles.
  const restoring = session.restore()
  if (!to.meta.requires) return true
  await restoring
  if (session.canOpen(to.meta.requires)) return true
  // Logged in but without the role: back to the shell they do have; not logged in: to the login page.
  if (session.account) return { path: session.home, query: { denied: to.meta.requires } }
  return { path: '/login', query: { redirect: to.fullPath } }
})

router.afterEach((to) => {
  document.title = `${to.meta.title || ''} - 政务公开平台`
})

export default router
