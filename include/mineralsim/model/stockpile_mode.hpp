#pragma once
// The life cycle of a government stockpile holding (MODEL.md section 3, step 8).
namespace mineralsim::model {

enum StockpileMode : int {
  kStockIdle = 0,
  kStockActivating = 1,  // triggered, waiting out the response delay
  kStockReleasing = 2,
  kStockRefilling = 3,
};

}  // namespace mineralsim::model
