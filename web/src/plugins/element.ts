// Element Plus, registered component by component so the bundle carries only what the pages use.
// A parent's install registers its sub-components (ElTable → ElTableColumn, ElRadio → ElRadioGroup/ElRadioButton,
// ElSelect → ElOption, ElMenu → ElMenuItem/ElSubMenu, …); those are listed for clarity only.
import type { App, Component } from 'vue';
import {
  ElAlert, ElAvatar, ElBadge, ElBreadcrumb, ElBreadcrumbItem, ElButton, ElCheckbox, ElCheckboxGroup, ElCol, ElCollapse,
  ElCollapseItem, ElConfigProvider, ElDatePicker, ElDescriptions, ElDescriptionsItem, ElDialog, ElDrawer, ElDropdown,
  ElDropdownItem, ElDropdownMenu, ElEmpty, ElForm, ElFormItem, ElIcon, ElInput, ElInputNumber, ElLink, ElLoading, ElMenu,
  ElMenuItem, ElOption, ElPagination, ElProgress, ElRadio, ElRadioButton, ElRadioGroup, ElResult, ElRow, ElScrollbar,
  ElSelect, ElSubMenu, ElSwitch, ElTable, ElTableColumn, ElTabPane, ElTabs, ElTag, ElTree, ElTreeSelect, ElUpload,
  ElCard, ElSpace, ElPopover,
  ElTimeline, ElTimelineItem,
} from 'element-plus';
import {
  Download, Expand, Fold, Iphone, DataAnalysis, Lock, Monitor, OfficeBuilding, Plus, Refresh, Search, Setting,
  SwitchButton, Tickets, Upload, UploadFilled, User, UserFilled, VideoPlay,
  Calendar, Picture, Stamp,
  ArrowUp, ArrowDown, Collection, Delete,
  Finished, Bell, ChatLineSquare,
} from '@element-plus/icons-vue';

const components: Component[] = [
  ElAlert, ElAvatar, ElBadge, ElBreadcrumb, ElBreadcrumbItem, ElButton, ElCheckbox, ElCheckboxGroup, ElCol, ElCollapse,
  ElCollapseItem, ElConfigProvider, ElDatePicker, ElDescriptions, ElDescriptionsItem, ElDialog, ElDrawer, ElDropdown,
  ElDropdownItem, ElDropdownMenu, ElEmpty, ElForm, ElFormItem, ElIcon, ElInput, ElInputNumber, ElLink, ElMenu,
  ElMenuItem, ElOption, ElPagination, ElProgress, ElRadio, ElRadioButton, ElRadioGroup, ElResult, ElRow, ElScrollbar,
  ElSelect, ElSubMenu, ElSwitch, ElTable, ElTableColumn, ElTabPane, ElTabs, ElTag, ElTree, ElTreeSelect, ElUpload,
  ElCard, ElSpace, ElPopover,
  ElTimeline, ElTimelineItem,
];

const icons: Record<string, Component> = {
  Download, Expand, Fold, Iphone, DataAnalysis, Lock, Monitor, OfficeBuilding, Plus, Refresh, Search, Setting,
  SwitchButton, Tickets, Upload, UploadFilled, User, UserFilled, VideoPlay,
  Calendar, Picture, Stamp,
  ArrowUp, ArrowDown, Collection, Delete,
  Finished, Bell, ChatLineSquare,
};

export function installElement(app: App): void {
  for (const c of components) app.use(c as unknown as { install: (a: App) => void });
  for (const [name, c] of Object.entries(icons)) app.component(name, c);
  app.use(ElLoading);
}
