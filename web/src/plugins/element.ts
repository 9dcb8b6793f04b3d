// Element Plus, registered component by component so the bundle carries only what the pages use.
import type { App, Component } from 'vue';
import {
  ElAlert, ElAside, ElAvatar, ElBadge, ElBreadcrumb, ElBreadcrumbItem, ElButton, ElCard, ElCheckbox, ElCheckboxGroup,
  ElCol, ElCollapse, ElCollapseItem, ElConfigProvider, ElContainer, ElDatePicker, ElDescriptions, ElDescriptionsItem,
  ElDialog, ElDivider, ElDrawer, ElDropdown, ElDropdownItem, ElDropdownMenu, ElEmpty, ElForm, ElFormItem, ElHeader,
  ElIcon, ElInput, ElInputNumber, ElLink, ElLoading, ElMain, ElMenu, ElMenuItem, ElOption, ElPagination, ElPopconfirm,
  ElProgress, ElRadioButton, ElRadioGroup, ElResult, ElRow, ElScrollbar, ElSelect, ElSkeleton, ElStatistic, ElSubMenu,
  ElSwitch, ElTable, ElTableColumn, ElTabPane, ElTabs, ElTag, ElText, ElTooltip, ElTree, ElTreeSelect, ElUpload,
} from 'element-plus';
import {
  Bell, Connection, DataAnalysis, Document, Download, Expand, Fold, House, Iphone, Lock, Monitor, OfficeBuilding,
  Plus, Refresh, Search, Setting, SwitchButton, Tickets, Upload, UploadFilled, User, UserFilled, VideoPlay,
} from '@element-plus/icons-vue';

const components: Component[] = [
  ElAlert, ElAside, ElAvatar, ElBadge, ElBreadcrumb, ElBreadcrumbItem, ElButton, ElCard, ElCheckbox, ElCheckboxGroup,
  ElCol, ElCollapse, ElCollapseItem, ElConfigProvider, ElContainer, ElDatePicker, ElDescriptions, ElDescriptionsItem,
  ElDialog, ElDivider, ElDrawer, ElDropdown, ElDropdownItem, ElDropdownMenu, ElEmpty, ElForm, ElFormItem, ElHeader,
  ElIcon, ElInput, ElInputNumber, ElLink, ElMain, ElMenu, ElMenuItem, ElOption, ElPagination, ElPopconfirm,
  ElProgress, ElRadioButton, ElRadioGroup, ElResult, ElRow, ElScrollbar, ElSelect, ElSkeleton, ElStatistic, ElSubMenu,
  ElSwitch, ElTable, ElTableColumn, ElTabPane, ElTabs, ElTag, ElText, ElTooltip, ElTree, ElTreeSelect, ElUpload,
];

const icons: Record<string, Component> = {
  Bell, Connection, DataAnalysis, Document, Download, Expand, Fold, House, Iphone, Lock, Monitor, OfficeBuilding,
  Plus, Refresh, Search, Setting, SwitchButton, Tickets, Upload, UploadFilled, User, UserFilled, VideoPlay,
};

export function installElement(app: App): void {
  for (const c of components) app.use(c as unknown as { install: (a: App) => void });
  for (const [name, c] of Object.entries(icons)) app.component(name, c);
  app.use(ElLoading);
}
