namespace Pos.Cloud.Tests.Wire;

/// <summary>
/// The JSON the cloud answered before its wire types moved to Contracts, when routes answered the Cloud's own records
/// and anonymous objects: captured from that code by <see cref="CloudWireJsonTests"/>, kept here byte for byte, but for
/// the fields added since, written in by hand (a menu item's categoryId, a menu's categories, a report's labour).
/// </summary>
internal static class CloudWireJsonBefore
{
    public const string Live = """{"status":"live"}""";

    public const string Ready = """{"status":"ready","checks":{"postgres":"ok","silo":"ok"}}""";

    public const string StoreRegistered = """{"storeId":"uptown","secret":"*"}""";

    public const string StoreRenamed = """{"storeId":"uptown","secret":null}""";

    public const string StoresBeforeSync = """{"stores":[{"storeId":"airport","name":"Airport","timeZone":"UTC","ackedSeq":0,"headSeq":0,"lastSyncAt":null,"behind":0},{"storeId":"downtown","name":"Downtown \"Main\"","timeZone":"America/New_York","ackedSeq":0,"headSeq":0,"lastSyncAt":null,"behind":0},{"storeId":"uptown","name":"Uptown \"Main\"","timeZone":"America/Chicago","ackedSeq":0,"headSeq":0,"lastSyncAt":null,"behind":0}]}""";

    public const string IngestAck = """{"ackedSeq":5}""";

    public const string StoresAfterSync = """{"stores":[{"storeId":"airport","name":"Airport","timeZone":"UTC","ackedSeq":5,"headSeq":5,"lastSyncAt":"*","behind":0},{"storeId":"downtown","name":"Downtown \"Main\"","timeZone":"America/New_York","ackedSeq":10,"headSeq":10,"lastSyncAt":"*","behind":0},{"storeId":"uptown","name":"Uptown \"Main\"","timeZone":"America/Chicago","ackedSeq":0,"headSeq":0,"lastSyncAt":null,"behind":0}]}""";

    public const string HqDailyReport = """{"businessDate":"2026-11-25","stores":[{"storeId":"airport","name":"Airport","report":{"businessDate":"2026-11-25","currency":"USD","ordersClosed":1,"ordersOpen":0,"grossSalesMinor":1353,"voidsMinor":0,"netSalesMinor":1250,"taxMinor":103,"tipsMinor":0,"tenders":{"cash":0,"card":0,"other":1353},"items":[{"menuItemId":"burger","name":"Burger Deluxe","quantity":1,"netSalesMinor":1250}],"labour":[],"throughSeq":4,"discountsMinor":0,"compsMinor":0,"refundsMinor":0,"refundCount":0,"refundTenders":{"cash":0,"card":0,"other":0},"tipAdjustmentsMinor":0,"tipAdjustmentCount":0},"syncedThroughSeq":5,"syncedAt":"*","complete":true,"incompleteReason":null,"headSeq":5,"eventsHeld":4,"seal":{"seq":5,"eventCount":4,"lastSeq":4}},{"storeId":"downtown","name":"Downtown \"Main\"","report":{"businessDate":"2026-11-25","currency":"USD","ordersClosed":1,"ordersOpen":1,"grossSalesMinor":2706,"voidsMinor":450,"netSalesMinor":2500,"taxMinor":206,"tipsMinor":300,"tenders":{"cash":0,"card":2706,"other":0},"items":[{"menuItemId":"burger","name":"Burger","quantity":2,"netSalesMinor":2500}],"labour":[],"throughSeq":9,"discountsMinor":0,"compsMinor":0,"refundsMinor":0,"refundCount":0,"refundTenders":{"cash":0,"card":0,"other":0},"tipAdjustmentsMinor":0,"tipAdjustmentCount":0},"syncedThroughSeq":10,"syncedAt":"*","complete":false,"incompleteReason":"the store has not sealed this business date yet (its clock has not passed the end of the day, or orders of the day are still open); synced through seq 10","headSeq":10,"eventsHeld":9,"seal":null},{"storeId":"uptown","name":"Uptown \"Main\"","report":{"businessDate":"2026-11-25","currency":"","ordersClosed":0,"ordersOpen":0,"grossSalesMinor":0,"voidsMinor":0,"netSalesMinor":0,"taxMinor":0,"tipsMinor":0,"tenders":{"cash":0,"card":0,"other":0},"items":[],"labour":[],"throughSeq":0,"discountsMinor":0,"compsMinor":0,"refundsMinor":0,"refundCount":0,"refundTenders":{"cash":0,"card":0,"other":0},"tipAdjustmentsMinor":0,"tipAdjustmentCount":0},"syncedThroughSeq":0,"syncedAt":null,"complete":false,"incompleteReason":"the store has not sealed this business date yet (its clock has not passed the end of the day, or orders of the day are still open); synced through seq 0","headSeq":0,"eventsHeld":0,"seal":null}],"total":{"ordersClosed":2,"ordersOpen":1,"grossSalesMinor":4059,"voidsMinor":450,"netSalesMinor":3750,"taxMinor":309,"tipsMinor":300,"tenders":{"cash":0,"card":2706,"other":1353},"currency":"USD","items":[{"menuItemId":"burger","name":"Burger Deluxe","quantity":3,"netSalesMinor":3750}],"complete":false},"totals":[{"ordersClosed":2,"ordersOpen":1,"grossSalesMinor":4059,"voidsMinor":450,"netSalesMinor":3750,"taxMinor":309,"tipsMinor":300,"tenders":{"cash":0,"card":2706,"other":1353},"currency":"USD","items":[{"menuItemId":"burger","name":"Burger Deluxe","quantity":3,"netSalesMinor":3750}],"complete":false}]}""";

    public const string HqDailyReportOneStore = """{"businessDate":"2026-11-25","stores":[{"storeId":"airport","name":"Airport","report":{"businessDate":"2026-11-25","currency":"USD","ordersClosed":1,"ordersOpen":0,"grossSalesMinor":1353,"voidsMinor":0,"netSalesMinor":1250,"taxMinor":103,"tipsMinor":0,"tenders":{"cash":0,"card":0,"other":1353},"items":[{"menuItemId":"burger","name":"Burger Deluxe","quantity":1,"netSalesMinor":1250}],"labour":[],"throughSeq":4,"discountsMinor":0,"compsMinor":0,"refundsMinor":0,"refundCount":0,"refundTenders":{"cash":0,"card":0,"other":0},"tipAdjustmentsMinor":0,"tipAdjustmentCount":0},"syncedThroughSeq":5,"syncedAt":"*","complete":true,"incompleteReason":null,"headSeq":5,"eventsHeld":4,"seal":{"seq":5,"eventCount":4,"lastSeq":4}}],"total":{"ordersClosed":1,"ordersOpen":0,"grossSalesMinor":1353,"voidsMinor":0,"netSalesMinor":1250,"taxMinor":103,"tipsMinor":0,"tenders":{"cash":0,"card":0,"other":1353},"currency":"USD","items":[{"menuItemId":"burger","name":"Burger Deluxe","quantity":1,"netSalesMinor":1250}],"complete":true},"totals":[{"ordersClosed":1,"ordersOpen":0,"grossSalesMinor":1353,"voidsMinor":0,"netSalesMinor":1250,"taxMinor":103,"tipsMinor":0,"tenders":{"cash":0,"card":0,"other":1353},"currency":"USD","items":[{"menuItemId":"burger","name":"Burger Deluxe","quantity":1,"netSalesMinor":1250}],"complete":true}]}""";

    public const string MenuPublished = """{"storeId":"downtown","version":1,"publishedAt":"*"}""";

    public const string PublishedMenu = """{"storeId":"downtown","version":1,"publishedAt":"*","menu":{"currency":"USD","items":[{"id":"burger","name":"Burger","priceMinor":1250,"taxRateBp":825,"station":"kitchen","categoryId":null},{"id":"ipa","name":"IPA pint","priceMinor":700,"taxRateBp":1000,"station":"bar","categoryId":null}],"categories":[]}}""";

    public const string MenuVersions = """{"storeId":"downtown","versions":[{"version":1,"publishedAt":"*"}]}""";
}
