// The ribbon's one button shows the task pane (ShowTaskpane in the manifest): no function commands.
if (typeof Office !== 'undefined') void Office.onReady()
