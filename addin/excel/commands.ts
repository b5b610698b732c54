// The ribbon's one button shows the task pane (ShowTaskpane in the manifest): no function commands.
// Office only needs to hear that the page is ready, so nothing waits on the answer.
if (typeof Office !== 'undefined') void Office.onReady()
