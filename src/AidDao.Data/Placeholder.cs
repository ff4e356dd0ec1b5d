namespace AidDao.Data;
